// The page editor of the digitization check: for each digitized PDF that
// awaits confirmation, every page as a thumbnail beside its OCR text, with
// its position, a rotation and a "remove" box. The form posts to
// /tasks/:key/documents/:id/pages and works without JavaScript. The
// web-forms bundle adds buttons that move a page up or down and turns the
// thumbnail when a rotation is chosen.
import type { DocumentRow } from '../../db/documents.ts';
import { pageSeparator } from '../../digitize/index.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { findComponent } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';
import { renderOcrLanguages } from './documents.ts';
import type { FormError } from './forms.ts';

export interface PageEditorOptions {
  taskKey: string;
  procedure: Procedure | null;
  lang: Language;
  /** A rejected edit, shown in the editor of the document it names. */
  error: { documentId: string; error: FormError } | null;
}

const rotations = [
  { value: 0, key: 'counter.pages.rotate_none' },
  { value: 90, key: 'counter.pages.rotate_clockwise' },
  { value: 180, key: 'counter.pages.rotate_half' },
  { value: 270, key: 'counter.pages.rotate_counterclockwise' },
];

export function pageImageUrl(doc: Pick<DocumentRow, 'id'>, page: number): string {
  return `/counter/documents/${doc.id}/pages/${page}`;
}

function renderPage(doc: DocumentRow, page: number, pageCount: number, text: string, lang: Language): Html {
  const label = t('counter.pages.page', lang, { page });
  return html`<li class="page" data-page="${page}">
  <figure class="thumbnail">
    <img src="${pageImageUrl(doc, page)}" alt="${label}" loading="lazy" data-rotation="0">
    <figcaption>${label}</figcaption>
  </figure>
  <div class="page-text">
    <h5>${t('counter.pages.ocr_text', lang)}</h5>
    <pre dir="auto">${text.trim() || t('web.document.ocr_empty', lang)}</pre>
  </div>
  <div class="page-controls">
    <div class="field"><label for="position-${doc.id}-${page}">${t('counter.pages.position', lang)}</label>
      <input id="position-${doc.id}-${page}" name="position.${page}" type="number" min="1" max="${pageCount}" value="${page}" required class="position"></div>
    <div class="field"><label for="rotate-${doc.id}-${page}">${t('counter.pages.rotate', lang)}</label>
      <select id="rotate-${doc.id}-${page}" name="rotate.${page}" class="rotate">${rotations.map((rotation) => html`<option value="${rotation.value}">${t(rotation.key, lang)}</option>`)}</select></div>
    <label class="choice"><input type="checkbox" name="remove.${page}" value="on" class="remove"> ${t('counter.pages.remove', lang)}</label>
  </div>
</li>`;
}

function renderEditor(doc: DocumentRow, documents: readonly DocumentRow[], options: PageEditorOptions): Html {
  const { lang } = options;
  const pageCount = doc.page_count ?? 0;
  const texts = (doc.ocr_text ?? '').split(pageSeparator);
  const component = doc.component_code && options.procedure ? findComponent(options.procedure, doc.component_code) : undefined;
  const error = options.error?.documentId === doc.id ? options.error.error : null;
  const headingId = `pages-${doc.id}-heading`;
  return html`<section class="card page-editor" id="doc-${doc.id}" aria-labelledby="${headingId}">
  <h3 id="${headingId}">${component ? component.name[lang] : doc.component_code ?? ''} · <bdi>${doc.file_name}</bdi></h3>
  ${error ? html`<div class="error-summary" role="alert"><p>${error.message}</p></div>` : ''}
  ${renderOcrLanguages(doc, documents, lang)}
  <p class="hint">${t('counter.pages.hint', lang)}</p>
  <form method="post" action="/tasks/${options.taskKey}/documents/${doc.id}/pages" data-page-editor data-submit-once
    data-move-up="${t('counter.pages.move_up', lang)}" data-move-down="${t('counter.pages.move_down', lang)}">
    <ol class="pages">${Array.from({ length: pageCount }, (_, index) => renderPage(doc, index + 1, pageCount, texts[index] ?? '', lang))}</ol>
    <button type="submit" data-busy-text="${t('web.form.sending', lang)}">${t('counter.pages.apply', lang)}</button>
  </form>
</section>`;
}

/** Renders an editor for every digitized document of the dossier that awaits confirmation, and nothing when there is none. */
export function renderPageEditors(documents: DocumentRow[], options: PageEditorOptions): Html {
  const awaiting = documents.filter((doc) => doc.kind === 'digitized' && doc.status === 'awaiting_confirmation');
  // An edit of a version that has no editor any more (replaced meanwhile) reports its error above the editors.
  const orphanError = options.error && !awaiting.some((doc) => doc.id === options.error?.documentId) ? options.error.error : null;
  if (awaiting.length === 0 && !orphanError) return html``;
  return html`<section class="page-editors" aria-labelledby="page-editors-heading">
  <h2 id="page-editors-heading">${t('counter.pages.heading', options.lang)}</h2>
  ${orphanError ? html`<div class="error-summary" role="alert"><p>${orphanError.message}</p></div>` : ''}
  <p class="lead">${t('counter.pages.lead', options.lang)}</p>
  ${awaiting.map((doc) => renderEditor(doc, documents, options))}
</section>`;
}
