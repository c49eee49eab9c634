// Display names for uploads. The storage key never comes from the name,
// because it is the SHA-256 of the content. The name is only shown to people
// and offered as the download name, so it is cleaned of everything that could
// mislead a reader or a file system.

import { knownExtensions } from './media-type.ts';

const maxLength = 120;
const replaceableExtensions = new Set(Object.values(knownExtensions).flat());

// C0/C1 controls, bidi embeddings, overrides and isolates (the "right-to-left
// override before the extension" trick), zero-width characters except ZWNJ
// and ZWJ (needed in Persian and Arabic text), BOM, and line/paragraph separators.
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;
const reservedCharacters = /[\\/:*?"<>|]/g;
const windowsDeviceNames = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Returns a display name: the last path part of `fileName`, without control
 * and bidi characters or characters reserved by file systems, at most 120
 * characters with the extension kept, and ending in `extension` unless its
 * suffix is one of `allowedExtensions`. Arabic letters are kept.
 */
export function makeSafeFileName(fileName: string, extension: string, allowedExtensions: readonly string[] = [extension]): string {
  const lastPart = fileName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart
    .replace(invisible, '')
    .replace(reservedCharacters, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/gu, '');

  const dot = cleaned.lastIndexOf('.');
  const suffix = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const finalExtension = allowedExtensions.includes(suffix) ? suffix : extension;
  // A suffix naming another accepted type is replaced; any other suffix stays part of the stem.
  let stem = allowedExtensions.includes(suffix) || replaceableExtensions.has(suffix) ? cleaned.slice(0, dot) : cleaned;

  stem = stem.replace(/[.\s]+$/u, '');
  if (stem === '' || windowsDeviceNames.test(stem)) stem = stem === '' ? 'document' : `${stem}_`;
  const room = maxLength - finalExtension.length - 1;
  return `${truncateGraphemes(stem, room).trimEnd()}.${finalExtension}`;
}

const graphemes = new Intl.Segmenter('ar', { granularity: 'grapheme' });

// Cuts between grapheme clusters, so a letter never loses its diacritics.
function truncateGraphemes(text: string, length: number): string {
  const clusters = Array.from(graphemes.segment(text), (part) => part.segment);
  return clusters.length <= length ? text : clusters.slice(0, length).join('');
}
