// Batch intake at the counter: several dossiers of one procedure registered
// with one form, for a stack of paper applications (a postal delivery, a
// company filing for several people). Each dossier block has its own
// applicant, form values, scans or paper exceptions, and idempotency key.
// The server registers every block on its own. When some fail, the page
// comes back with the registered blocks listed by reference and the failed
// ones with their error and values, so sending it again registers only
// those (the registered ones are not in the form any more).
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { renderDossierFieldsets } from '../components/counter-inputs.ts';
import type { FormError } from '../components/forms.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

/** Maximum number of dossiers in one batch. The multipart limit of 30 files per request (src/api/app.ts) usually binds first. */
export const maximumBatchSize = 10;

export interface BatchBlock {
  /** Position in the form, from 1; the fields of the block are named `d<index>.<name>`. */
  index: number;
  values: Record<string, string>;
  idempotencyKey: string;
  error: FormError | null;
  /** The dossier registered from this block, once it was. */
  registered: { id: string; reference: string } | null;
}

export interface CounterBatchPageData {
  procedures: Procedure[];
  procedure: Procedure | null;
  blocks: BatchBlock[];
}

function renderChooser(data: CounterBatchPageData, lang: PageContext['lang']): Html {
  return html`<form method="get" action="/counter/batch" class="chooser">
  <div class="field">
    <label for="procedure">${t('web.counter.procedure', lang)}</label>
    <select id="procedure" name="procedure">
      ${data.procedures.map((procedure) => html`<option value="${procedure.code}"${data.procedure?.code === procedure.code ? html` selected` : ''}>${procedure.name[lang]} (${procedure.code})</option>`)}
    </select>
  </div>
  <div class="field count">
    <label for="count">${t('counter.batch.count', lang)}</label>
    <input id="count" name="count" type="number" min="1" max="${maximumBatchSize}" value="${Math.max(1, data.blocks.length)}">
  </div>
  <button type="submit">${t('web.counter.choose', lang)}</button>
</form>`;
}

function renderBlock(block: BatchBlock, procedure: Procedure, lang: PageContext['lang']): Html {
  const prefix = `d${block.index}.`;
  const heading = t('counter.batch.dossier', lang, { number: block.index });
  if (block.registered) {
    return html`<section class="card batch-dossier registered" aria-label="${heading}">
  <h3>${heading}</h3>
  <p>${t('counter.batch.registered', lang)} <a href="/portal/dossiers/${block.registered.id}">${ltrText(block.registered.reference)}</a></p>
</section>`;
  }
  return html`<section class="card batch-dossier" aria-labelledby="${prefix}heading">
  <h3 id="${prefix}heading">${heading}</h3>
  ${block.error ? html`<div class="error-summary" role="alert"><p>${block.error.message}</p><p>${t('web.form.choose_files_again', lang)}</p></div>` : ''}
  <input type="hidden" name="${prefix}idempotencyKey" value="${block.idempotencyKey}">
  <div class="dossier-fields">${renderDossierFieldsets(procedure, block.values, block.error, lang, prefix)}</div>
</section>`;
}

export function renderCounterBatchPage(page: PageContext, data: CounterBatchPageData): string {
  const { lang } = page;
  const { procedure } = data;
  const open = data.blocks.filter((block) => !block.registered);
  const form = procedure
    ? html`<form method="post" action="/counter/batch" enctype="multipart/form-data" class="application batch" data-submit-once data-upload-progress data-upload-failed="${t('counter.upload.failed', lang)}">
  <input type="hidden" name="procedureCode" value="${procedure.code}">
  <input type="hidden" name="registered" value="${data.blocks.filter((block) => block.registered).map((block) => `${block.index}:${block.registered?.id}`).join(',')}">
  <h2>${procedure.name[lang]} <small>${ltrText(procedure.code)}</small></h2>
  ${data.blocks.map((block) => renderBlock(block, procedure, lang))}
  <div class="upload-progress" hidden>
    <label for="upload-progress">${t('counter.upload.progress', lang)}</label>
    <progress id="upload-progress" max="100" value="0"></progress>
    <span class="upload-percent" aria-live="polite"></span>
  </div>
  ${open.length > 0 ? html`<button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('counter.batch.submit', lang, { count: open.length })}</button>` : ''}
</form>`
    : html``;
  const body = html`<h1>${t('counter.batch.heading', lang)}</h1>
<p class="lead">${t('counter.batch.lead', lang)}</p>
<p><a href="/counter">${t('counter.batch.single', lang)}</a> · <a href="/counter/intake">${t('counter.intake.link', lang)}</a></p>
${renderChooser(data, lang)}
${form}`;
  return renderPage(page, { title: t('counter.batch.title', lang), body });
}
