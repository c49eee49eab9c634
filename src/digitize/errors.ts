// Errors of digitization. Two kinds, kept apart because a BPMN process treats
// them differently:
//  - business outcomes (a signed PDF that must not be rewritten, an illegible
//    scan) are plain SijillErrors that the diagram routes as BPMN errors;
//  - technical failures (the OCR program crashed, timed out or is missing) are
//    OcrFailures (ocr-failure.ts). When `retryable` is true the job is
//    retried, then an incident is raised.
// This module imports nothing but types, because src/errors.ts imports it.
import type { ErrorSpec } from '../errors.ts';

export const digitizeErrors = {
  'digitize.signed_pdf': { status: 409, description: 'The PDF carries a digital signature (/ByteRange) or signature fields (/SigFlags); OCR would rewrite it and break the signature. Use extractText instead.' },
  'digitize.illegible': { status: 422, description: 'OCR found (almost) no text on a page where text is expected: the scan must be redone.' },
  'digitize.language_missing': { status: 422, description: 'A Tesseract language was asked for whose model is not installed (Debian package tesseract-ocr-LANG); the message lists those installed.' },
  'digitize.unsupported_input': { status: 422, description: 'The bytes are not a PDF or image that digitization accepts (it runs after intake, which rejects such files first).' },
  'digitize.failed': { status: 500, description: 'The OCR program exited with an error or was killed. Retryable.' },
  'digitize.timed_out': { status: 503, description: 'The OCR program ran past the time limit and was killed. Retryable.' },
  'digitize.tool_missing': { status: 500, description: 'The OCR program is not installed (run scripts/install-ocr.sh). Not retryable.' },
} satisfies Record<string, ErrorSpec>;
