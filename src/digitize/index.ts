export { digitize, estimateDpi, type DigitizeInput, type DigitizeOptions, type DigitizedDocument } from './digitize.ts';
export type { PageCorrection } from './ocr-image.ts';
export { extractText, pageSeparator, type ExtractedText } from './extract-text.ts';
export { normalizeForSearch } from './normalize.ts';
export { digitizeErrors } from './errors.ts';
export { OcrFailure, type OcrFailureDetails } from './ocr-failure.ts';
