// Every job-worker task carries a zeebe:taskDefinition type, and that type
// is one a Sijill worker implements. A FEEL expression as type (`=…`) is
// reported as unknown because no worker can be checked against it.
import { allFlowElements, elementIdOf, processesOf, taskTypeOf, type BpmnElement } from '../model.ts';
import { createProblem, type LintOptions, type LintProblem } from '../problem.ts';

/** Element types that run as jobs and therefore need a task type (send tasks would too, but the engines do not run them). */
const jobWorkerTypes = ['bpmn:ServiceTask'];

export function checkTaskTypes(definitions: BpmnElement, options: LintOptions): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const process of processesOf(definitions)) {
    for (const element of allFlowElements(process)) {
      if (!jobWorkerTypes.includes(element.$type)) continue;
      const type = taskTypeOf(element);
      if (type === undefined) {
        problems.push(createProblem(elementIdOf(element), 'task-type-missing'));
      } else if (!options.knownTaskTypes.includes(type)) {
        problems.push(createProblem(elementIdOf(element), 'task-type-unknown', { type, known: options.knownTaskTypes.join(', ') }));
      }
    }
  }
  return problems;
}
