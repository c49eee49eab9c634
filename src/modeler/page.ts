// The modeler's HTML page. The toolbar and every label are rendered here from
// the catalogue in the requested language. The browser bundle gets the
// modeler's strings, the task types and the language through a JSON block,
// so it carries no second copy of the catalogue.
import type { Actor } from '../domain/access.ts';
import { catalogueKeys, direction, t, type Language } from '../i18n/index.ts';
import { faviconUrl, renderTopbar } from '../web/layout.ts';

export interface ModelerPageOptions {
  lang: Language;
  knownTaskTypes: readonly string[];
  /** URL prefix of the bundle, e.g. '/modeler/assets/'. */
  assetsBase: string;
  /** The signed-in user, for the navigation bar that the other screens share. */
  actor: Actor | null;
}

/** Configuration block `#sijill-modeler-config` that the bundle reads. */
export interface ModelerClientConfig {
  lang: Language;
  knownTaskTypes: string[];
  /** Every `modeler.*` catalogue text in `lang`. */
  strings: Record<string, string>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element: '<' never appears literally, so '</script>' cannot end it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function modelerStrings(lang: Language): Record<string, string> {
  const keys = catalogueKeys(lang).filter((key) => key.startsWith('modeler.') || key.startsWith('error.modeler.'));
  return Object.fromEntries(keys.sort().map((key) => [key, t(key, lang)]));
}

export function renderModelerPage(options: ModelerPageOptions): string {
  const { lang, assetsBase } = options;
  const text = (key: string): string => escapeHtml(t(key, lang));
  const otherLang: Language = lang === 'ar' ? 'en' : 'ar';
  const config: ModelerClientConfig = { lang, knownTaskTypes: [...options.knownTaskTypes], strings: modelerStrings(lang) };
  const button = (action: string, key: string): string => `<button type="button" data-action="${action}">${text(key)}</button>`;

  return `<!doctype html>
<html lang="${lang}" dir="${direction(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text('modeler.title')} · ${text('app.name')}</title>
<link rel="icon" href="${faviconUrl}" type="image/svg+xml">
<link rel="stylesheet" href="${assetsBase}modeler.css">
</head>
<body class="sj-modeler">
${renderTopbar({ lang, actor: options.actor, currentUrl: '/modeler' }, { href: `?lang=${otherLang}`, action: 'switch-language' }).value}
<header class="sj-toolbar" role="toolbar" aria-label="${text('modeler.toolbar.label')}">
  <h1>${text('modeler.title')}</h1>
  ${button('new', 'modeler.toolbar.new')}
  ${button('open-deployed', 'modeler.toolbar.open_deployed')}
  <label class="sj-file-button"><span>${text('modeler.toolbar.open_file')}</span><input type="file" data-action="open-file" accept=".bpmn,.xml,application/xml,text/xml"></label>
  ${button('download-bpmn', 'modeler.toolbar.download_bpmn')}
  ${button('download-svg', 'modeler.toolbar.download_svg')}
  ${button('validate', 'modeler.toolbar.validate')}
  ${button('deploy', 'modeler.toolbar.deploy')}
</header>
<main class="sj-workspace">
  <div id="sj-canvas" class="sj-canvas" dir="ltr"></div>
  <aside id="sj-properties" class="sj-properties" aria-label="${text('modeler.sijill.group')}"></aside>
</main>
<section id="sj-problems" class="sj-problems" hidden>
  <h2>${text('modeler.problems.heading')}</h2>
  <p class="sj-problems-summary"></p>
  <ul></ul>
</section>
<dialog id="sj-deployed" class="sj-deployed">
  <h2>${text('modeler.deployed.heading')}</h2>
  <ul></ul>
  <form method="dialog"><button>${text('modeler.deployed.close')}</button></form>
</dialog>
<p id="sj-status" class="sj-status" role="status" aria-live="polite"></p>
<script type="application/json" id="sijill-modeler-config">${scriptJson(config)}</script>
<script type="module" src="${assetsBase}modeler.js"></script>
</body>
</html>
`;
}
