// Fits an opened diagram into the part of the canvas that the palette does
// not cover. diagram-js's own `zoom('fit-viewport')` uses the whole canvas,
// so a wide diagram ends up partly under the palette, which floats over the
// canvas on the page's start side.
import type * as ModelerModule from 'bpmn-js/lib/Modeler.js';

type Modeler = ModelerModule.default;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Viewbox extends Box {
  /** Bounding box of every drawn element, in diagram coordinates. */
  inner: Box;
}

interface Canvas {
  viewbox(box?: Box): Viewbox;
  getContainer(): HTMLElement;
}

/** Free space, in pixels, between the diagram and the canvas edges or the palette. */
const margin = 24;

/** Zooms and scrolls so that the whole diagram is visible beside the palette, never above 100 %. */
export function fitDiagram(modeler: Modeler): void {
  const canvas = modeler.get<Canvas>('canvas');
  const container = canvas.getContainer();
  const area = container.getBoundingClientRect();
  const { inner } = canvas.viewbox();
  if (area.width === 0 || area.height === 0 || inner.width === 0 || inner.height === 0) return;

  // The palette sits on the left of a left-to-right page and on the right of a right-to-left one.
  const palette = container.querySelector('.djs-palette')?.getBoundingClientRect();
  const paletteLeft = palette && palette.width > 0 && palette.left - area.left < area.width / 2 ? palette.right - area.left : 0;
  const paletteRight = palette && palette.width > 0 && palette.left - area.left >= area.width / 2 ? area.right - palette.left : 0;
  const freeWidth = Math.max(area.width - paletteLeft - paletteRight - 2 * margin, 1);
  const freeHeight = Math.max(area.height - 2 * margin, 1);

  const scale = Math.min(freeWidth / inner.width, freeHeight / inner.height, 1);
  const offsetX = paletteLeft + margin + (freeWidth - inner.width * scale) / 2;
  const offsetY = margin + (freeHeight - inner.height * scale) / 2;
  canvas.viewbox({ x: inner.x - offsetX / scale, y: inner.y - offsetY / scale, width: area.width / scale, height: area.height / scale });
}
