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
