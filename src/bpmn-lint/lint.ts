// The paperless lint over a parsed diagram. It has no Node dependencies, so
// the modeler runs the same rules in the browser on bpmn-js's definitions.
import type { BpmnElement } from './model.ts';
import type { LintOptions, LintProblem } from './problem.ts';
import { checkCandidateGroups } from './rules/candidate-groups.ts';
import { checkEndOutcomes } from './rules/end-outcomes.ts';
import { checkExecutableProcess } from './rules/executable-process.ts';
import { checkIssueResultPaths } from './rules/issue-result-paths.ts';
import { checkSupportedElements } from './rules/supported-elements.ts';
import { checkTaskTypes } from './rules/task-types.ts';

/** Runs every rule on a bpmn:Definitions element; problems come in rule order, then document order. */
export function lintDefinitions(definitions: BpmnElement, options: LintOptions): LintProblem[] {
  return [
    ...checkExecutableProcess(definitions),
    ...checkTaskTypes(definitions, options),
    ...checkCandidateGroups(definitions),
    ...checkSupportedElements(definitions),
    ...checkEndOutcomes(definitions),
    ...checkIssueResultPaths(definitions),
  ];
}
