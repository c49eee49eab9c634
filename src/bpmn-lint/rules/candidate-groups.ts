// Every user task names the candidate groups (roles) whose officers may claim
// it, so every task shows up in some officer's task list.
import { allFlowElements, candidateGroupsOf, elementIdOf, processesOf, type BpmnElement } from '../model.ts';
import { createProblem, type LintProblem } from '../problem.ts';

export function checkCandidateGroups(definitions: BpmnElement): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const process of processesOf(definitions)) {
    for (const element of allFlowElements(process)) {
      if (element.$type === 'bpmn:UserTask' && candidateGroupsOf(element) === undefined) {
        problems.push(createProblem(elementIdOf(element), 'candidate-groups-missing'));
      }
    }
  }
  return problems;
}
