// Catalogue labels for codes the database stores (statuses, kinds, validity
// bases). A code without a label is shown as the code itself, so a status
// added later still reads as something instead of a raw key.
import { hasKey, t, type Language } from '../../i18n/index.ts';
import { html, ltrText, type Html } from '../html.ts';

export function codeLabel(prefix: string, code: string, lang: Language): string {
  const key = `${prefix}.${code}`;
  return hasKey(key, lang) ? t(key, lang) : code;
}

export function dossierStatusBadge(status: string, lang: Language): Html {
  return html`<span class="badge status-${status}">${codeLabel('web.dossier_status', status, lang)}</span>`;
}

export function documentStatusBadge(status: string, lang: Language): Html {
  return html`<span class="badge doc-${status}">${codeLabel('web.document_status', status, lang)}</span>`;
}

/** The procedure's name in the reader's language, followed by its code. */
export function procedureLabel(code: string, name: { ar: string; en: string } | null | undefined, lang: Language): Html {
  return name ? html`${name[lang]} ${html`<small>(${ltrText(code)})</small>`}` : ltrText(code);
}

/** Separator between the Arabic and the English part of a name in the BPMN diagrams: "عربي / English". */
const diagramNameSeparator = ' / ';

/**
 * Returns the part of a BPMN element's name in `lang`: the text before the first " / " in Arabic,
 * the rest in English. A name without the separator is returned whole, in both languages.
 */
export function diagramName(name: string, lang: Language): string {
  const at = name.indexOf(diagramNameSeparator);
  if (at < 0) return name;
  const part = lang === 'ar' ? name.slice(0, at) : name.slice(at + diagramNameSeparator.length);
  return part.trim() || name;
}
