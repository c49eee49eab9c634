// The problems list under the canvas shows one line per problem, led by the
// element id. Clicking a line selects the element and scrolls it into view.
import type * as ModelerModule from 'bpmn-js/lib/Modeler.js';
import type * as CanvasModule from 'diagram-js/lib/core/Canvas.js';
import type * as ElementRegistryModule from 'diagram-js/lib/core/ElementRegistry.js';
import type * as SelectionModule from 'diagram-js/lib/features/selection/Selection.js';

type Modeler = ModelerModule.default;
type Canvas = CanvasModule.default;
type ElementRegistry = ElementRegistryModule.default;
type Selection = SelectionModule.default;

export interface ShownProblem {
  elementId: string;
  message: string;
}

export interface ProblemsLabels {
  none: string;
  count: (count: number) => string;
  diagram: string;
}

export function showProblems(section: HTMLElement, modeler: Modeler, problems: ShownProblem[], labels: ProblemsLabels): void {
  const summary = section.querySelector('.sj-problems-summary');
  const list = section.querySelector('ul');
  if (!summary || !list) return;
  section.hidden = false;
  summary.textContent = problems.length === 0 ? labels.none : labels.count(problems.length);
  list.replaceChildren(...problems.map((problem) => problemItem(modeler, problem, labels)));
}

export function hideProblems(section: HTMLElement): void {
  section.hidden = true;
}

function problemItem(modeler: Modeler, problem: ShownProblem, labels: ProblemsLabels): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset['elementId'] = problem.elementId;
  const id = document.createElement('bdi');
  id.dir = 'ltr';
  id.className = 'sj-element-id';
  id.textContent = problem.elementId === '' ? labels.diagram : problem.elementId;
  const message = document.createElement('span');
  message.textContent = problem.message;
  button.append(id, message);
  button.addEventListener('click', () => selectElement(modeler, problem.elementId));
  item.append(button);
  return item;
}

function selectElement(modeler: Modeler, elementId: string): void {
  const element = modeler.get<ElementRegistry>('elementRegistry').get(elementId);
  if (!element) return;
  modeler.get<Selection>('selection').select(element);
  modeler.get<Canvas>('canvas').scrollToElement(element);
}
