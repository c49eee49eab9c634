// An end event's `sijill:outcome` property, when present, is one of the
// known outcomes. Otherwise a typo would turn a rejection into a good end.
import { allFlowElements, elementIdOf, endOutcomes, outcomePropertyName, processesOf, zeebePropertyOf, type BpmnElement } from '../model.ts';
import { createProblem, type LintProblem } from '../problem.ts';

export function checkEndOutcomes(definitions: BpmnElement): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const process of processesOf(definitions)) {
    for (const element of allFlowElements(process)) {
      if (element.$type !== 'bpmn:EndEvent') continue;
      const outcome = zeebePropertyOf(element, outcomePropertyName);
      if (outcome !== undefined && !(endOutcomes as readonly string[]).includes(outcome)) {
        problems.push(createProblem(elementIdOf(element), 'outcome-unknown', { outcome, known: endOutcomes.join(', ') }));
      }
    }
  }
  return problems;
}
