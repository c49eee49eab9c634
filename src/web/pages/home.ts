// Home: what Sijill is, the sign-in form and the procedure catalogue.
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { formatWorkingDays } from '../format.ts';
import { html, ltrText } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface HomePageData {
  procedures: Procedure[];
  /** Set when a sign-in failed: the message and the username to keep. */
  signInError: { message: string; username: string } | null;
  /** Where to go after signing in. */
  next: string | null;
}

export function renderHomePage(page: PageContext, data: HomePageData): string {
  const { lang, actor } = page;
  const canApply = actor?.account.applicant_id != null;
  const signIn = actor ? html`` : html`<section class="card sign-in" id="sign-in" aria-labelledby="sign-in-heading">
  <h2 id="sign-in-heading">${t('web.home.sign_in_heading', lang)}</h2>
  ${data.signInError ? html`<div class="error-summary" role="alert"><p>${data.signInError.message}</p></div>` : ''}
  <form method="post" action="/sign-in">
    ${data.next ? html`<input type="hidden" name="next" value="${data.next}">` : ''}
    <div class="field">
      <label for="username">${t('web.home.username', lang)}</label>
      <input id="username" name="username" autocomplete="username" dir="ltr" required value="${data.signInError?.username ?? ''}">
    </div>
    <div class="field">
      <label for="password">${t('web.home.password', lang)}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" dir="ltr" required>
    </div>
    <button type="submit" class="primary">${t('web.home.sign_in', lang)}</button>
  </form>
</section>`;

  const body = html`<section class="intro">
  <h1>${t('web.home.heading', lang)}</h1>
  <p class="lead">${t('web.home.lead', lang)}</p>
  <ul class="promises">
    <li>${t('web.home.promise_receipt', lang)}</li>
    <li>${t('web.home.promise_validity', lang)}</li>
    <li>${t('web.home.promise_result', lang)}</li>
  </ul>
</section>
<div class="home-grid">
${signIn}
<section class="catalogue" aria-labelledby="catalogue-heading">
  <h2 id="catalogue-heading">${t('web.home.catalogue_heading', lang)}</h2>
  <div class="table-scroll"><table>
    <thead><tr>
      <th scope="col">${t('web.procedure.name', lang)}</th>
      <th scope="col">${t('web.procedure.code', lang)}</th>
      <th scope="col">${t('web.procedure.legal_time', lang)}</th>
      <th scope="col">${t('web.procedure.fee', lang)}</th>
      <th scope="col"><span class="visually-hidden">${t('web.procedure.actions', lang)}</span></th>
    </tr></thead>
    <tbody>${data.procedures.map((procedure) => html`<tr>
      <td>${procedure.name[lang]}</td>
      <td>${ltrText(procedure.code)}</td>
      <td>${formatWorkingDays(procedure.legalWorkingDays, lang)}</td>
      <td>${procedure.fee === 0 ? t('web.procedure.free', lang) : t('web.procedure.fee_amount', lang, { amount: procedure.fee })}</td>
      <td>${canApply ? html`<a class="button" href="/portal/apply/${procedure.code}">${t('web.procedure.apply', lang)}</a>` : ''}</td>
    </tr>`)}</tbody>
  </table></div>
</section>
</div>`;
  return renderPage(page, { title: t('web.home.title', lang), body });
}
