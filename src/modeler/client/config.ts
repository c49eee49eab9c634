// The page's configuration block (#sijill-modeler-config, written by
// src/modeler/page.ts) and text lookup in the modeler's strings.
import type { ModelerClientConfig } from '../page.ts';

export type { ModelerClientConfig };

export type TextParams = Record<string, string | number>;

export function readConfig(document: Document): ModelerClientConfig {
  const element = document.getElementById('sijill-modeler-config');
  if (!element?.textContent) throw new Error('the page has no #sijill-modeler-config block');
  return JSON.parse(element.textContent) as ModelerClientConfig;
}

/** Fills {name} placeholders; an unknown placeholder stays as written. */
export function fillTemplate(template: string, params: TextParams = {}, wrap: (value: string) => string = (value) => value): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? wrap(String(params[name])) : whole));
}

/** Wraps a value in a first-strong isolate, so an id or file name keeps its own direction inside Arabic text. */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/** Returns a lookup of `key` in the page's strings with isolated values; a missing key returns the key itself, so it shows up in tests. */
export function createText(config: ModelerClientConfig): (key: string, params?: TextParams) => string {
  return (key, params) => fillTemplate(config.strings[key] ?? key, params, isolate);
}
