// What the paperless lint reports. A problem names the BPMN element at fault,
// the rule it breaks and a catalogue key with the values its message needs,
// so the modeler and the API show it in Arabic or English.

export const lintRules = [
  'xml-invalid',
  'process-not-executable',
  'task-type-missing',
  'task-type-unknown',
  'candidate-groups-missing',
  'element-unsupported',
  'outcome-unknown',
  'issue-result-bypassed',
] as const;

export type LintRule = (typeof lintRules)[number];

export interface LintProblem {
  /** Id of the element at fault; the definitions id (or '' when the XML does not parse) for diagram-wide problems. */
  elementId: string;
  rule: LintRule;
  /** Catalogue key of the message, `modeler.lint.<rule>`. */
  messageKey: string;
  params: Record<string, string | number>;
}

export interface LintOptions {
  /** Task types the workers implement; a service task with any other type is a problem. */
  knownTaskTypes: readonly string[];
}

export function createProblem(elementId: string, rule: LintRule, params: Record<string, string | number> = {}): LintProblem {
  return { elementId, rule, messageKey: `modeler.lint.${rule}`, params };
}
