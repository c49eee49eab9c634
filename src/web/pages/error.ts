// The page shown when a screen cannot answer: not found (which also covers
// "not allowed", so the two look the same) or another error.
import { t } from '../../i18n/index.ts';
import { html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export function renderErrorPage(page: PageContext, message: string): string {
  const { lang } = page;
  const body = html`<h1>${t('web.error.heading', lang)}</h1>
<div class="error-summary" role="alert"><p>${message}</p></div>
<p><a href="/">${t('web.error.home', lang)}</a></p>`;
  return renderPage(page, { title: t('web.error.heading', lang), body });
}
