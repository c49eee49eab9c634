// A short passage of a document's text around a search match, with the match
// marked. The match is found in the normalized text (normalizeForSearch), but
// the passage is cut from the original text, so the reader sees the words as
// written, with their diacritics and letter forms. Each original character
// is normalized on its own, and a map records where its output starts, so a
// match in the normalized text maps back to a span of the original.
import { normalizeForSearch } from '../../digitize/index.ts';

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

interface MappedText {
  normalized: string;
  /** For each character of `normalized`, the index in the original text of the character it came from. */
  origins: number[];
}

function mapNormalized(text: string): MappedText {
  let normalized = '';
  const origins: number[] = [];
  let index = 0;
  for (const character of text) {
    const isSpace = /\s/.test(character);
    // Whitespace collapses to one space, as normalizeForSearch does for the whole text.
    const piece = isSpace ? (normalized.endsWith(' ') || normalized === '' ? '' : ' ') : normalizeForSearch(character);
    for (let i = 0; i < piece.length; i += 1) origins.push(index);
    normalized += piece;
    index += character.length;
  }
  return { normalized, origins };
}

/**
 * The passage of `text` around the first match of `normalizedQuery` (already
 * normalized), with about `context` characters on each side; null when the
 * query is not found, e.g. in a file name match only.
 */
export function findSnippet(text: string, normalizedQuery: string, context = 60): Snippet | null {
  if (normalizedQuery === '') return null;
  const mapped = mapNormalized(text);
  const at = mapped.normalized.indexOf(normalizedQuery);
  if (at < 0) return null;
  const start = mapped.origins[at] ?? 0;
  const lastOrigin = mapped.origins[at + normalizedQuery.length - 1] ?? start;
  const end = lastOrigin + String.fromCodePoint(text.codePointAt(lastOrigin) ?? 0).length;
  const beforeStart = Math.max(0, start - context);
  const afterEnd = Math.min(text.length, end + context);
  const squash = (part: string) => part.replace(/\s+/g, ' ');
  return {
    before: (beforeStart > 0 ? '… ' : '') + squash(text.slice(beforeStart, start)).trimStart(),
    match: squash(text.slice(start, end)),
    after: squash(text.slice(end, afterEnd)).trimEnd() + (afterEnd < text.length ? ' …' : ''),
  };
}
