// Translation catalogue. Arabic is the default language. Every user-visible
// string has a key in one of src/i18n/catalogue/*.json (one file per area),
// with its Arabic and English text side by side:
//   { "dossier.received": { "ar": "…", "en": "…" } }
// tests/i18n/catalogue.test.ts fails when a key lacks a language or a key
// used in the code is missing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const languages = ['ar', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ar';

export const catalogueDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'catalogue');

type Entry = Partial<Record<Language, string>>;

/** Reads every catalogue file; a key defined in two files is an error. */
export function readCatalogue(dir = catalogueDir): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, Entry>;
    for (const [key, entry] of Object.entries(content)) {
      if (entries.has(key)) throw new Error(`translation key ${key} is defined twice (again in ${file})`);
      entries.set(key, entry);
    }
  }
  return entries;
}

const catalogues: Record<Language, Record<string, string>> = { ar: {}, en: {} };
for (const [key, entry] of readCatalogue()) {
  for (const lang of languages) {
    const text = entry[lang];
    if (text !== undefined) catalogues[lang][key] = text;
  }
}

export type Params = Record<string, string | number>;

export function isLanguage(value: unknown): value is Language {
  return value === 'ar' || value === 'en';
}

/** Returns the text of `key` in `lang` with {name} placeholders filled; an unknown key returns the key. */
export function t(key: string, lang: Language = defaultLanguage, params: Params = {}): string {
  const template = catalogues[lang][key] ?? catalogues[defaultLanguage][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const pluralRules: Record<Language, Intl.PluralRules> = { ar: new Intl.PluralRules('ar'), en: new Intl.PluralRules('en') };

/**
 * Returns the plural form of `key` for `count`: the catalogue holds one key
 * per CLDR category, `key.zero`, `key.one`, `key.two`, `key.few`, `key.many`
 * and `key.other` (Arabic uses all six, English one and other); a missing
 * category falls back to `key.other`. `{count}` is filled in.
 */
export function tPlural(key: string, count: number, lang: Language = defaultLanguage, params: Params = {}): string {
  const category = pluralRules[lang].select(count);
  const specific = `${key}.${category}`;
  return t(hasKey(specific, lang) ? specific : `${key}.other`, lang, { count, ...params });
}

export function hasKey(key: string, lang: Language): boolean {
  return key in catalogues[lang];
}

export function catalogueKeys(lang: Language): string[] {
  return Object.keys(catalogues[lang]);
}

/** Text direction of a language, for the `dir` attribute. */
export function direction(lang: Language): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Wraps a left-to-right run (date, number, reference) so the bidi algorithm keeps its order inside Arabic text. */
export function ltr(value: string): string {
  return `\u2066${value}\u2069`;
}
