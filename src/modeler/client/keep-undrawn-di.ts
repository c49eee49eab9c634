// Keeps diagram interchange that bpmn-js cannot draw. On save, bpmn-js 18
// (BpmnDiOrdering) rebuilds every plane's element list from the shapes on the
// canvas. A BPMNShape or BPMNEdge it skipped on import would then vanish from
// the saved file, for example an edge whose bpmnElement is missing, as in the
// MIWG model C.7.0. This module remembers those DI elements at import and
// puts them back after the reordering.

interface DiElement {
  $type: string;
}

interface Plane {
  get(name: 'planeElement'): DiElement[];
}

interface Definitions {
  diagrams?: { plane?: Plane }[];
}

interface EventBus {
  on(event: string, priority: number, callback: (event: { error?: unknown }) => void): void;
}

interface BpmnJs {
  getDefinitions(): Definitions | undefined;
}

interface ElementRegistry {
  getAll(): { di?: DiElement }[];
}

/** Lower than BpmnDiOrdering's 2000 on saveXML.start, so this runs after the reordering. */
const afterOrderingPriority = 1500;

class UndrawnDiKeeper {
  static $inject = ['eventBus', 'elementRegistry', 'bpmnjs'];
  private undrawn = new Map<Plane, DiElement[]>();

  constructor(eventBus: EventBus, elementRegistry: ElementRegistry, bpmnjs: BpmnJs) {
    eventBus.on('import.done', afterOrderingPriority, (event) => {
      this.undrawn = new Map();
      const definitions = bpmnjs.getDefinitions();
      if (event.error || !definitions) return;
      const drawn = new Set(elementRegistry.getAll().map((element) => element.di));
      for (const diagram of definitions.diagrams ?? []) {
        const plane = diagram.plane;
        if (!plane) continue;
        const skipped = plane.get('planeElement').filter((di) => !drawn.has(di));
        if (skipped.length > 0) this.undrawn.set(plane, skipped);
      }
    });

    eventBus.on('saveXML.start', afterOrderingPriority, () => {
      for (const [plane, skipped] of this.undrawn) {
        const elements = plane.get('planeElement');
        for (const di of skipped) if (!elements.includes(di)) elements.push(di);
      }
    });
  }
}

export const keepUndrawnDiModule = {
  __init__: ['undrawnDiKeeper'],
  undrawnDiKeeper: ['type', UndrawnDiKeeper],
};
