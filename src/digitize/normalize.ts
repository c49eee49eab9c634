// Text normalization for search. OCR output and typed queries differ in ways
// a reader does not see as a different word. Examples are bidi control marks
// (Tesseract writes U+200E/U+200F, PDF text extraction adds U+202A–U+202C),
// Arabic letter variants people type interchangeably, diacritics, tatweel
// and three sets of digits. Both sides of a search go through this function.

const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Harakat, Quranic annotation marks, superscript alef and tatweel.
const diacritics = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;

const letterVariants: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ی': 'ي', // Persian yeh
  'ک': 'ك', // Persian keheh
};

/**
 * Folds `text` for search. NFKC maps Arabic presentation forms to letters.
 * Bidi marks, diacritics and tatweel are removed, and أ إ آ ٱ → ا, ى → ي,
 * ة → ه. Arabic-Indic (٠–٩) and Persian (۰–۹) digits become 0–9, whitespace
 * is collapsed and letters are lower-cased.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(bidiControls, '')
    .replace(diacritics, '')
    .replace(/[أإآٱىةیک]/g, (letter) => letterVariants[letter] ?? letter)
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
