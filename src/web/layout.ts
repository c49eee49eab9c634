// The page shell every screen shares: document head, navigation bar (the
// user's name, links for their roles, language switch, sign-out) and footer.
import type { Actor } from '../domain/access.ts';
import { hasRole } from '../domain/access.ts';
import { direction, t, type Language } from '../i18n/index.ts';
import { html, type Html } from './html.ts';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Language;
  actor: Actor | null;
  /** Path and query of the current page, where the language switch returns to. */
  currentUrl: string;
  /** IANA time zone that dates are shown in. */
  timeZone: string;
}

export interface PageOptions {
  title: string;
  body: Html;
  /** Bundles under /web/build/ the page loads, without the .js suffix. */
  scripts?: string[];
}

/** URL prefix of the stylesheet and of the bundles built by scripts/build-web.ts. */
export const webAssetsPrefix = '/web/';

/** The site icon that every page links, the modeler's included. */
export const faviconUrl = `${webAssetsPrefix}favicon.svg`;

interface NavLink {
  href: string;
  key: string;
  show: (actor: Actor) => boolean;
}

const navLinks: NavLink[] = [
  { href: '/portal', key: 'web.nav.portal', show: (actor) => actor.account.applicant_id !== null },
  { href: '/tasks', key: 'web.nav.tasks', show: (actor) => hasRole(actor, 'reception-officer', 'processing-officer', 'approver') },
  { href: '/counter', key: 'web.nav.counter', show: (actor) => hasRole(actor, 'reception-officer') },
  { href: '/sla', key: 'web.nav.sla', show: (actor) => hasRole(actor, 'supervisor', 'approver', 'admin') },
  { href: '/compliance', key: 'web.nav.compliance', show: (actor) => hasRole(actor, 'supervisor', 'approver', 'admin') },
  { href: '/search', key: 'web.nav.search', show: (actor) => actor.unitIds.length > 0 && hasRole(actor, 'reception-officer', 'processing-officer', 'approver', 'supervisor', 'inspector', 'admin') },
  { href: '/modeler', key: 'web.nav.modeler', show: (actor) => hasRole(actor, 'analyst', 'admin') },
];

/** Where a user lands after signing in: the first screen their roles open. */
export function homePathOf(actor: Actor): string {
  return navLinks.find((link) => link.show(actor))?.href ?? '/';
}

/** How the navigation bar's language link works when a page needs its own (the modeler keeps its diagram across the switch). */
export interface LanguageLinkOptions {
  href: string;
  /** `data-action` of the link, which the page's script binds. */
  action?: string;
}

/** Renders the navigation bar: the user's name, links for their roles, the language switch and sign-out. */
export function renderTopbar(page: Pick<PageContext, 'lang' | 'actor' | 'currentUrl'>, languageLink?: LanguageLinkOptions): Html {
  const { lang, actor } = page;
  const other: Language = lang === 'ar' ? 'en' : 'ar';
  const links = actor ? navLinks.filter((link) => link.show(actor)) : [];
  const currentPath = page.currentUrl.split('?')[0];
  const languageHref = languageLink?.href ?? `/lang/${other}?next=${encodeURIComponent(page.currentUrl)}`;
  const languageAction = languageLink?.action ? html` data-action="${languageLink.action}"` : '';
  return html`<header class="topbar">
  <a class="brand" href="/">${t('app.name', lang)}</a>
  <nav aria-label="${t('web.nav.label', lang)}">
    <ul>${links.map((link) => html`<li><a href="${link.href}"${currentPath === link.href ? html` aria-current="page"` : ''}>${t(link.key, lang)}</a></li>`)}</ul>
  </nav>
  <div class="account">
    <a class="language" href="${languageHref}"${languageAction} lang="${other}" hreflang="${other}">${t(`web.lang.switch_to_${other}`, lang)}</a>
    ${actor
      ? html`<span class="user">${actor.account.display_name}</span>
    <form method="post" action="/sign-out" class="inline"><button type="submit" class="link-button">${t('web.nav.sign_out', lang)}</button></form>`
      : html`<a href="/#sign-in">${t('web.nav.sign_in', lang)}</a>`}
  </div>
</header>`;
}

export function renderPage(page: PageContext, options: PageOptions): string {
  const { lang } = page;
  const scripts = ['web-forms', ...(options.scripts ?? [])];
  return `<!doctype html>
${html`<html lang="${lang}" dir="${direction(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t('app.name', lang)}</title>
<link rel="icon" href="${faviconUrl}" type="image/svg+xml">
<link rel="stylesheet" href="${webAssetsPrefix}topbar.css">
<link rel="stylesheet" href="${webAssetsPrefix}sijill.css">
${scripts.map((name) => html`<script type="module" src="${webAssetsPrefix}build/${name}.js"></script>
`)}</head>
<body>
${renderTopbar(page)}
<main id="main">
${options.body}
</main>
<footer class="footer"><p>${t('app.tagline', lang)}</p></footer>
</body>
</html>
`.value}`;
}
