// The application form of one procedure: its form fields, one file input per
// document component (required ones marked, the accepted validity bases in
// plain words) and the declaration that unsigned uploads are true copies.
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { renderComponentInputs, renderErrorSummary, renderFormFields, type FormError } from '../components/forms.ts';
import { formatWorkingDays } from '../format.ts';
import { html, ltrText } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface ApplyFormState {
  /** Text fields as the user sent them (empty on first display). */
  values: Record<string, string>;
  /** Key that makes a repeated submit of this form return the first dossier. */
  idempotencyKey: string;
  error: FormError | null;
}

export function renderApplyPage(page: PageContext, procedure: Procedure, state: ApplyFormState): string {
  const { lang } = page;
  const declared = state.values['declaration'] === 'on';
  const body = html`<h1>${procedure.name[lang]} <small>${ltrText(procedure.code)}</small></h1>
<p class="lead">${t('web.apply.lead', lang, { time: formatWorkingDays(procedure.legalWorkingDays, lang) })}</p>
${renderErrorSummary(state.error, lang, state.error !== null)}
<form method="post" action="/portal/apply/${procedure.code}" enctype="multipart/form-data" class="application" data-submit-once>
  <input type="hidden" name="procedureCode" value="${procedure.code}">
  <input type="hidden" name="idempotencyKey" value="${state.idempotencyKey}">
  <fieldset>
    <legend>${t('web.apply.form_heading', lang)}</legend>
    ${renderFormFields(procedure, state.values, state.error, lang)}
  </fieldset>
  <fieldset>
    <legend>${t('web.apply.documents_heading', lang)}</legend>
    <p class="hint">${t('web.apply.documents_hint', lang)}</p>
    ${renderComponentInputs(procedure, 'file', state.error, lang)}
  </fieldset>
  <div class="field declaration${state.error?.code === 'dossier.declaration_missing' ? ' has-error' : ''}">
    <label><input type="checkbox" name="declaration" value="on"${declared ? html` checked` : ''}> ${t('web.apply.declaration', lang)}</label>
    <p class="hint">${t('web.apply.declaration_hint', lang)}</p>
  </div>
  <button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('web.apply.submit', lang)}</button>
</form>`;
  return renderPage(page, { title: procedure.name[lang], body });
}
