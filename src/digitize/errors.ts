// Errors of digitization. Two kinds, kept apart because a BPMN process treats
// them differently:
//  - business outcomes (a signed PDF that must not be rewritten, an illegible
//    scan) are plain SijillErrors that the diagram routes as BPMN errors;
//  - technical failures (the OCR program crashed, timed out or is missing) are
//    OcrFailures. When `retryable` is true the job is retried, then an
//    incident is raised.
import { SijillError, type ErrorSpec } from '../errors.ts';

export const digitizeErrors = {
  'digitize.signed_pdf': { status: 409, description: 'The PDF carries a digital signature (/ByteRange) or signature fields (/SigFlags); OCR would rewrite it and break the signature. Use extractText instead.' },
  'digitize.illegible': { status: 422, description: 'OCR found (almost) no text on a page where text is expected: the scan must be redone.' },
  'digitize.unsupported_input': { status: 422, description: 'The bytes are not a PDF or image that digitization accepts (it runs after intake, which rejects such files first).' },
  'digitize.failed': { status: 500, description: 'The OCR program exited with an error or was killed. Retryable.' },
  'digitize.timed_out': { status: 503, description: 'The OCR program ran past the time limit and was killed. Retryable.' },
  'digitize.tool_missing': { status: 500, description: 'The OCR program is not installed (run scripts/install-ocr.sh). Not retryable.' },
} satisfies Record<string, ErrorSpec>;

export interface OcrFailureDetails {
  /** Program that failed, e.g. "ocrmypdf". */
  program: string;
  exitCode?: number | null;
  signal?: string | null;
  /** Last lines the program wrote to stderr. */
  stderr?: string;
  timeoutMs?: number;
}

/** Thrown when an external OCR program crashes, is killed, times out or cannot be started. */
export class OcrFailure extends SijillError {
  override name = 'OcrFailure';
  readonly retryable: boolean;
  readonly details: OcrFailureDetails;

  constructor(code: 'digitize.failed' | 'digitize.timed_out' | 'digitize.tool_missing', details: OcrFailureDetails, options?: { cause?: unknown }) {
    const params: Record<string, string | number> = { program: details.program };
    if (details.timeoutMs !== undefined) params.seconds = Math.round(details.timeoutMs / 1000);
    super(code, params, options);
    this.retryable = code !== 'digitize.tool_missing';
    this.details = details;
    this.message = `${details.program} ${describe(code, details)}`;
  }
}

function describe(code: string, details: OcrFailureDetails): string {
  if (code === 'digitize.timed_out') return `timed out after ${details.timeoutMs} ms and was killed`;
  if (code === 'digitize.tool_missing') return 'is not installed or cannot be started; run scripts/install-ocr.sh';
  const how = details.signal ? `was killed by ${details.signal}` : `failed with exit code ${details.exitCode}`;
  const stderr = details.stderr ? `: ${details.stderr.trim().split('\n').slice(-3).join(' | ')}` : '';
  return `${how}${stderr}`;
}
