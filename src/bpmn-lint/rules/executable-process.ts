// Camunda 8 rejects a deployment with no executable process, so the lint
// does too.
import { attributeOf, elementIdOf, processesOf, type BpmnElement } from '../model.ts';
import { createProblem, type LintProblem } from '../problem.ts';

export function checkExecutableProcess(definitions: BpmnElement): LintProblem[] {
  const executable = processesOf(definitions).some((process) => attributeOf(process, 'isExecutable') === true);
  return executable ? [] : [createProblem(elementIdOf(definitions), 'process-not-executable')];
}
