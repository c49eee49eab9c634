// Language of a document, detected from the text of its first page as read
// with the detection languages (Arabic and English). That reading costs
// nothing for an Arabic document, the common case at a city counter: its
// text is kept. A Latin-script page is read again with the language found,
// because Arabic and English together read English pages badly (a
// two-column English brochure: 42.6% CER against 1.0% with English alone).
//
// The script decides between Arabic and Latin. Among Latin languages, the
// commonest short words decide, compared without accents: the Arabic and
// English models drop most Vietnamese and some French accents.
// NOTE: only the first page is read to decide, so a document whose first
// page is blank or a picture is read with the detection languages.

/** Languages `digitize` accepts in place of a list: detect them from the first page. */
export const autoLanguages = 'auto';

/**
 * Choices the reception officer has for a paper document: detection, or one
 * of the languages whose Tesseract models Sijill installs.
 */
export const ocrLanguageChoices = [autoLanguages, 'ara+eng', 'eng', 'fra', 'vie'] as const;
export type OcrLanguageChoice = (typeof ocrLanguageChoices)[number];

export function isOcrLanguageChoice(value: string): value is OcrLanguageChoice {
  return (ocrLanguageChoices as readonly string[]).includes(value);
}

const languageListPattern = /^[a-z]{3}(_[a-z]+)?(\+[a-z]{3}(_[a-z]+)?)*$/;

/** Tells whether `value` is "auto" or Tesseract language codes joined by '+', such as "ara+eng". */
export function isLanguageSetting(value: string): boolean {
  return value === autoLanguages || languageListPattern.test(value);
}

/** Tesseract languages of the detection reading, and of documents whose language stays unknown. */
export const detectionLanguages: readonly string[] = ['ara', 'eng'];

/** Tesseract languages a detected document is read with. */
const readingLanguages = {
  ara: ['ara', 'eng'],
  eng: ['eng'],
  fra: ['fra'],
  vie: ['vie'],
} as const satisfies Record<string, readonly string[]>;

type DetectedLanguage = keyof typeof readingLanguages;

// Common words, without accents, that the other two lists do not share
// ("de" and "la" are French and Vietnamese both, "a" English and French).
const commonWords: Record<Exclude<DetectedLanguage, 'ara'>, ReadonlySet<string>> = {
  eng: new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'as', 'was', 'on', 'be', 'by', 'are', 'this', 'from', 'at', 'or', 'an', 'it', 'which', 'has', 'have', 'not', 'will']),
  fra: new Set(['le', 'les', 'des', 'du', 'et', 'est', 'une', 'que', 'qui', 'dans', 'pour', 'pas', 'au', 'aux', 'sur', 'avec', 'ce', 'ces', 'il', 'elle', 'par', 'plus', 'ne', 'se', 'son', 'sa', 'ou', 'nous', 'vous', 'sont', 'cette']),
  vie: new Set(['va', 'cua', 'cac', 'nhung', 'khong', 'duoc', 'nguoi', 'trong', 'mot', 'nay', 'voi', 'cho', 've', 'tu', 'theo', 'nam', 'da', 'den', 'khi', 'cung', 'nhu', 'thi', 'ngay', 'thang', 'nhan', 'dan', 'chu', 'co', 'tai']),
};

/** Minimum number of letters to detect a language from; with fewer, the detection languages are kept. */
const minLetters = 40;
/** Fewest common words on which a Latin language other than English is chosen. */
const minCommonWords = 3;

/**
 * Returns the Tesseract languages to read a document with, from the text of
 * its first page read with `detectionLanguages`. Returns undefined when the
 * page has too little text to decide.
 */
export function languagesOfText(text: string): readonly string[] | undefined {
  const arabicLetters = text.match(/[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FC]/g)?.length ?? 0;
  const latinLetters = text.match(/[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/g)?.length ?? 0;
  if (arabicLetters + latinLetters < minLetters) return undefined;
  if (arabicLetters >= latinLetters) return readingLanguages.ara;

  const words = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().match(/[a-z]+/g) ?? [];
  const counts = { eng: 0, fra: 0, vie: 0 };
  for (const word of words) {
    for (const language of ['eng', 'fra', 'vie'] as const) {
      if (commonWords[language].has(word)) counts[language] += 1;
    }
  }
  const [best, bestCount] = (['fra', 'vie'] as const).map((language) => [language, counts[language]] as const).reduce((a, b) => (b[1] > a[1] ? b : a));
  return bestCount >= minCommonWords && bestCount > counts.eng ? readingLanguages[best] : readingLanguages.eng;
}
