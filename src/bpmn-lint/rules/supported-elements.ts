// No flow element that the engines do not run (see ../supported-elements.ts).
import { allFlowElements, elementIdOf, processesOf, type BpmnElement } from '../model.ts';
import { createProblem, type LintProblem } from '../problem.ts';
import { describeElementKind, isSupportedElement } from '../supported-elements.ts';

export function checkSupportedElements(definitions: BpmnElement): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const process of processesOf(definitions)) {
    for (const element of allFlowElements(process)) {
      if (!isSupportedElement(element)) {
        problems.push(createProblem(elementIdOf(element), 'element-unsupported', { kind: describeElementKind(element) }));
      }
    }
  }
  return problems;
}
