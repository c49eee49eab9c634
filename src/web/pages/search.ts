// Staff search: a box that searches the file names and OCR text of the
// documents in the officer's units, and the hits with their dossier, the
// document's component and status, and the passage around the match.
import type { SearchHit } from '../../domain/counter/search.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { findComponent } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { documentContentUrl } from '../components/documents.ts';
import { codeLabel, documentStatusBadge } from '../components/labels.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface SearchPageData {
  query: string;
  /** Null before a search: no query, or one shorter than the minimum. */
  hits: SearchHit[] | null;
  minimumLength: number;
  procedures: Procedure[];
}

function componentName(hit: SearchHit, procedure: Procedure | undefined, lang: Language): string {
  const code = hit.row.component_code;
  if (!code) return codeLabel('web.document_kind', hit.row.kind, lang);
  return (procedure ? findComponent(procedure, code)?.name[lang] : undefined) ?? code;
}

function renderHit(hit: SearchHit, procedure: Procedure | undefined, page: PageContext): Html {
  const { lang, timeZone } = page;
  const { row, snippet } = hit;
  return html`<li class="hit">
  <p class="hit-title"><a href="/portal/dossiers/${row.dossier_id}">${ltrText(row.reference)}</a>
    · ${componentName(hit, procedure, lang)} · <a href="${documentContentUrl({ id: row.document_id })}" download><bdi>${row.file_name}</bdi></a>
    ${documentStatusBadge(row.status, lang)}</p>
  ${snippet
    ? html`<p class="snippet" dir="auto">${snippet.before}<mark>${snippet.match}</mark>${snippet.after}</p>`
    : html`<p class="snippet muted">${t('counter.search.file_name_match', lang)}</p>`}
  <p class="muted"><small>${codeLabel('web.document_kind', row.kind, lang)} · ${formatDateTime(row.received_at, lang, timeZone)}</small></p>
</li>`;
}

export function renderSearchPage(page: PageContext, data: SearchPageData): string {
  const { lang } = page;
  const byCode = new Map(data.procedures.map((procedure) => [procedure.code, procedure]));
  const results = data.hits === null
    ? (data.query ? html`<p class="muted">${t('counter.search.too_short', lang, { minimum: data.minimumLength })}</p>` : '')
    : data.hits.length === 0
      ? html`<p class="muted">${t('counter.search.none', lang)}</p>`
      : html`<p role="status">${t('counter.search.count', lang, { count: data.hits.length })}</p>
<ol class="hits">${data.hits.map((hit) => renderHit(hit, byCode.get(hit.row.procedure_code), page))}</ol>`;
  const body = html`<h1>${t('counter.search.heading', lang)}</h1>
<p class="lead">${t('counter.search.lead', lang)}</p>
<form method="get" action="/search" role="search" class="chooser search-form">
  <div class="field">
    <label for="q">${t('counter.search.label', lang)}</label>
    <input id="q" name="q" type="search" value="${data.query}" dir="auto" maxlength="200" autofocus>
  </div>
  <button type="submit" class="primary">${t('counter.search.submit', lang)}</button>
</form>
${results}`;
  return renderPage(page, { title: t('counter.search.title', lang), body });
}
