// Technical failures of the external OCR programs, apart from the business
// outcomes in errors.ts.
import { SijillError } from '../errors.ts';

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
    if (details.timeoutMs !== undefined) params.seconds = Math.ceil(details.timeoutMs / 1000);
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
