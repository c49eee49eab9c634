// Character error rate (CER) of OCR output against ground truth: the
// Levenshtein distance divided by the length of the ground truth, after both
// texts are prepared the same way (bidi marks and tatweel removed, NFKC,
// whitespace collapsed). Used by the OCR tests and bench/digitize.ts.

const bidiMarks = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

/** Prepares a text for comparison; exported so reports can show what was compared. */
export function prepareForComparison(text: string): string {
  return text.replace(bidiMarks, '').replace(/\u0640/g, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function characterErrorRate(recognized: string, groundTruth: string): number {
  const expected = Array.from(prepareForComparison(groundTruth));
  const actual = Array.from(prepareForComparison(recognized));
  if (expected.length === 0) return actual.length === 0 ? 0 : 1;
  return levenshtein(actual, expected) / expected.length;
}

// Two-row dynamic programme: O(n·m) time, O(m) memory.
function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}
