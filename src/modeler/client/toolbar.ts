// The toolbar's actions: new, open deployed, open file, download .bpmn/.svg,
// validate, deploy, and the language switch, which carries the open diagram
// over to the reloaded page through sessionStorage.
import type * as ModelerModule from 'bpmn-js/lib/Modeler.js';
import { lintDefinitions } from '../../bpmn-lint/lint.ts';
import type { BpmnElement } from '../../bpmn-lint/model.ts';
import type { Language } from '../../i18n/index.ts';
import type { ModelerApi } from './api.ts';
import type { TextParams } from './config.ts';
import { emptyDiagram } from './empty-diagram.ts';
import { fitDiagram } from './fit-diagram.ts';
import { hideProblems, showProblems, type ShownProblem } from './problems.ts';

type Modeler = ModelerModule.default;

export interface ToolbarOptions {
  document: Document;
  modeler: Modeler;
  api: ModelerApi;
  text: (key: string, params?: TextParams) => string;
  knownTaskTypes: string[];
  lang: Language;
}

const draftKey = 'sijill.modeler.draft';

interface Draft {
  name: string;
  xml: string;
}

/** Binds every toolbar control and opens the first diagram (the carried-over draft or a new one). */
export async function bindToolbar(options: ToolbarOptions): Promise<void> {
  const { document, modeler, api, text } = options;
  const status = document.getElementById('sj-status');
  const problemsSection = document.getElementById('sj-problems');
  const deployedDialog = document.getElementById('sj-deployed') as HTMLDialogElement | null;
  let resourceName = 'process.bpmn';

  const setStatus = (message: string): void => {
    if (status) status.textContent = message;
  };
  const reportError = (key: string, error: unknown): void => {
    setStatus(text(key, { message: error instanceof Error ? error.message : String(error) }));
  };
  const listProblems = (problems: ShownProblem[]): void => {
    if (!problemsSection) return;
    showProblems(problemsSection, modeler, problems, {
      none: text('modeler.problems.none'),
      count: (count) => text('modeler.problems.count', { count }),
      diagram: text('modeler.problems.diagram'),
    });
  };

  const openDiagram = async (xml: string, name: string): Promise<void> => {
    try {
      const { warnings } = await modeler.importXML(xml);
      fitDiagram(modeler);
      resourceName = name;
      if (problemsSection) hideProblems(problemsSection);
      setStatus(warnings.length > 0 ? text('modeler.import.warnings', { name, count: warnings.length }) : text('modeler.import.done', { name }));
    } catch (error) {
      reportError('modeler.import.failed', error);
    }
  };

  const currentXml = async (): Promise<string> => (await modeler.saveXML({ format: true })).xml ?? '';

  const download = (content: string, fileName: string, type: string): void => {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const actions: Record<string, () => Promise<void>> = {
    'new': () => openDiagram(emptyDiagram(`Process_${Math.random().toString(36).slice(2, 9)}`), 'process.bpmn'),

    'open-deployed': async () => {
      if (!deployedDialog) return;
      const list = deployedDialog.querySelector('ul');
      if (!list) return;
      try {
        const definitions = await options.api.listProcessDefinitions();
        list.replaceChildren(...definitions.map((definition) => {
          const item = document.createElement('li');
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset['processDefinitionKey'] = definition.processDefinitionKey;
          const id = document.createElement('bdi');
          id.dir = 'ltr';
          id.textContent = definition.procedure?.code ?? definition.bpmnProcessId;
          const version = ` · ${text('modeler.deployed.version', { version: definition.version })}`;
          if (definition.procedure) button.append(definition.procedure.name[options.lang], ' (', id, ')', version);
          else button.append(id, version);
          button.addEventListener('click', () => {
            deployedDialog.close();
            options.api.fetchProcessXml(definition.processDefinitionKey)
              .then((xml) => openDiagram(xml, definition.resourceName))
              .catch((error: unknown) => reportError('modeler.import.failed', error));
          });
          item.append(button);
          return item;
        }));
        if (definitions.length === 0) {
          const empty = document.createElement('li');
          empty.textContent = text('modeler.deployed.empty');
          list.replaceChildren(empty);
        }
        deployedDialog.showModal();
      } catch (error) {
        reportError('modeler.import.failed', error);
      }
    },

    'download-bpmn': async () => download(await currentXml(), resourceName, 'application/xml'),

    'download-svg': async () => {
      const { svg } = await modeler.saveSVG();
      download(svg, resourceName.replace(/\.bpmn$/, '') + '.svg', 'image/svg+xml');
    },

    'validate': async () => {
      const problems = lintDefinitions(modeler.getDefinitions() as BpmnElement, { knownTaskTypes: options.knownTaskTypes });
      listProblems(problems.map((problem) => ({ elementId: problem.elementId, message: text(problem.messageKey, problem.params) })));
    },

    'deploy': async () => {
      try {
        const result = await options.api.deploy(resourceName, await currentXml());
        if (result.ok) {
          const deployed = result.processDefinitions.map((definition) => text('modeler.deploy.done', { bpmnProcessId: definition.bpmnProcessId, version: definition.version }));
          if (problemsSection) hideProblems(problemsSection);
          setStatus(deployed.join(' '));
        } else {
          setStatus(text('modeler.deploy.failed', { message: result.message }));
          listProblems(result.problems);
        }
      } catch (error) {
        reportError('modeler.deploy.failed', error);
      }
    },
  };

  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = actions[button.dataset['action'] ?? ''];
    if (action) button.addEventListener('click', () => void action());
  }

  const fileInput = document.querySelector<HTMLInputElement>('input[data-action="open-file"]');
  fileInput?.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    file.text().then((xml) => openDiagram(xml, file.name)).catch((error: unknown) => reportError('modeler.import.failed', error));
    fileInput.value = '';
  });

  const languageLink = document.querySelector<HTMLAnchorElement>('a[data-action="switch-language"]');
  languageLink?.addEventListener('click', (event) => {
    event.preventDefault();
    void currentXml()
      .then((xml) => sessionStorage.setItem(draftKey, JSON.stringify({ name: resourceName, xml } satisfies Draft)))
      .finally(() => window.location.assign(languageLink.href));
  });

  const stored = sessionStorage.getItem(draftKey);
  sessionStorage.removeItem(draftKey);
  const draft = stored ? (JSON.parse(stored) as Draft) : undefined;
  await (draft ? openDiagram(draft.xml, draft.name) : actions['new']?.());
}
