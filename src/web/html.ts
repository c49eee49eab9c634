// HTML building with escaping by default. `html` is a tagged template: every
// interpolated value is escaped unless it is already Html (the output of
// another `html` template or of `raw`), and arrays are joined. Pages are
// plain functions that return Html, so a value can reach the markup only
// through this escaping.

/** A fragment of markup that is safe to insert as is. */
export class Html {
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | HtmlValue[];

/** Escapes the five characters that are special in HTML text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Marks trusted markup as safe; only for strings built by this module's callers from constants. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** JSON that is safe inside a <script type="application/json"> element: '<' never appears, so '</script>' cannot close it. */
export function scriptJson(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

/** A left-to-right isolate for references, codes, ids and sizes inside right-to-left text. */
export function ltrText(value: string | number): Html {
  return html`<bdi dir="ltr">${String(value)}</bdi>`;
}
