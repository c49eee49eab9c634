// The modeler page: bpmn-js with the Zeebe properties panel, Sijill's task
// type dropdown, the catalogue-backed translator and the toolbar. The
// canvas keeps BPMN's left-to-right layout; the chrome around it follows the
// page's direction.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import '../../web/static/topbar.css';
import './modeler.css';
import * as ModelerModule from 'bpmn-js/lib/Modeler.js';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import zeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud/index.js';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { createApi } from './api.ts';
import { createText, readConfig } from './config.ts';
import { keepUndrawnDiModule } from './keep-undrawn-di.ts';
import { sijillTaskTypeModule, type SijillModelerConfig } from './task-type-group.ts';
import { createTranslateModule } from './translate.ts';
import { bindToolbar } from './toolbar.ts';

// bpmn-js ships ES modules without "type": "module", so TypeScript reads its
// default export as CommonJS while esbuild (correctly) gives the class.
type Modeler = ModelerModule.default;
const Modeler = ModelerModule.default as unknown as new (options: Record<string, unknown>) => Modeler;

/** Handle on the page's modeler, exposed to the browser tests as `window.sijillModeler`. */
export interface ModelerHandle {
  modeler: Modeler;
  /** bpmn-js templates that had no catalogue entry so far. */
  missingTranslations: Set<string>;
  /** Resolves when the first diagram is shown. */
  ready: Promise<void>;
}

declare global {
  interface Window {
    sijillModeler?: ModelerHandle;
  }
}

const config = readConfig(document);
const text = createText(config);
const missingTranslations = new Set<string>();
const sijill: SijillModelerConfig = { knownTaskTypes: config.knownTaskTypes, text };

const modeler = new Modeler({
  container: '#sj-canvas',
  propertiesPanel: { parent: '#sj-properties' },
  additionalModules: [
    BpmnPropertiesPanelModule,
    BpmnPropertiesProviderModule,
    ZeebePropertiesProviderModule,
    zeebeBehaviorsModule,
    sijillTaskTypeModule,
    keepUndrawnDiModule,
    createTranslateModule(config.strings, missingTranslations),
  ],
  moddleExtensions: { zeebe: zeebeSchema },
  sijill,
});

const ready = bindToolbar({ document, modeler, api: createApi(config.lang), text, knownTaskTypes: config.knownTaskTypes, lang: config.lang });
window.sijillModeler = { modeler, missingTranslations, ready };
