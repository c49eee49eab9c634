// bpmn-js `translate` service backed by Sijill's catalogue. bpmn-js, diagram-js
// and the properties panel call translate('Append end event', {…}) with an
// English template; the catalogue key is `modeler.ui.` plus the template in
// lower case with every run of other characters than a–z and 0–9 replaced by
// '_' (e.g. `modeler.ui.append_end_event`). A template without a key falls
// back to English and is recorded in `missing`, which the browser test reads.
import { fillTemplate, type TextParams } from './config.ts';

export function uiKey(template: string): string {
  const slug = template.toLowerCase().replace(/\{[^}]*\}/g, (placeholder) => placeholder.slice(1, -1)).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `modeler.ui.${slug}`;
}

export function createTranslateModule(strings: Record<string, string>, missing: Set<string>): Record<string, unknown> {
  const translate = (template: string, replacements?: TextParams): string => {
    const text = strings[uiKey(template)];
    if (text === undefined) missing.add(template);
    return fillTemplate(text ?? template, replacements);
  };
  return { translate: ['value', translate] };
}
