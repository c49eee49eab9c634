// Sijill's paperless lint for BPMN diagrams: the rules a procedure diagram
// follows beyond BPMN itself, checked before every deployment.
import { parseDiagram } from './moddle.ts';
import { lintDefinitions } from './lint.ts';
import { createProblem, type LintOptions, type LintProblem } from './problem.ts';

export { lintDefinitions } from './lint.ts';
export { lintRules, type LintOptions, type LintProblem, type LintRule } from './problem.ts';
export { endOutcomes, outcomePropertyName } from './model.ts';
export { issueResultTaskType } from './rules/issue-result-paths.ts';

/** Parses BPMN XML and runs every rule; XML that does not parse is one `xml-invalid` problem. */
export async function lintDiagram(xml: string, options: LintOptions): Promise<LintProblem[]> {
  let definitions;
  try {
    ({ definitions } = await parseDiagram(xml));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    return [createProblem('', 'xml-invalid', { detail })];
  }
  return lintDefinitions(definitions, options);
}
