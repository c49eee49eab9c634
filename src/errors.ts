// Sijill's coded errors. Every error a user can see has a code in the
// registry below, an HTTP status and a message key (text in src/i18n). Domain
// code throws SijillError with the code and the values the message needs; the
// API turns it into { code, message, params } in the caller's language.
// docs/errors.md lists the registry and a test keeps the two in step.
// An area with its own codes exports a `Record<string, ErrorSpec>` from its
// errors.ts, and the spread below adds it to the registry.
import { dossierErrors } from './domain/dossiers/errors.ts';
import { taskErrors } from './domain/dossiers/task-errors.ts';
import { modelerErrors } from './modeler/errors.ts';
import { uploadErrors } from './intake/errors.ts';
import { digitizeErrors } from './digitize/errors.ts';
import { resultErrors } from './results/errors.ts';
import { webErrors } from './web/errors.ts';
import { signatureErrors } from './signatures/errors.ts';
import { counterErrors } from './domain/counter/errors.ts';
import { validationReportErrors } from './results/validation-report-errors.ts';

export interface ErrorSpec {
  status: number;
  /** When the error is thrown. */
  description: string;
}

export const errorRegistry = {
  'request.invalid': { status: 400, description: 'The request body, query or parameters do not match the route schema.' },
  'request.unauthenticated': { status: 401, description: 'The route needs a signed-in user and the session is missing or expired.' },
  'request.not_found': { status: 404, description: 'The resource does not exist or the caller may not see it; both look the same.' },
  'request.conflict': { status: 409, description: 'The resource changed state and the action no longer applies.' },
  'internal': { status: 500, description: 'An unexpected failure; the log has the details under the request id.' },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry | `${string}.${string}`;

// Each area keeps its codes in its own module and adds them here.
const registry: Record<string, ErrorSpec> = {
  ...errorRegistry,
  ...dossierErrors,
  ...taskErrors,
  ...modelerErrors,
  ...uploadErrors,
  ...digitizeErrors,
  ...resultErrors,
  ...webErrors,
  ...signatureErrors,
  ...counterErrors,
  ...validationReportErrors,
};

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry[code];
}

export function registeredErrorCodes(): string[] {
  return Object.keys(registry).sort();
}

/** An error with a registered code; its message key is `error.<code>`. */
export class SijillError extends Error {
  override name = 'SijillError';
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.code = code;
    this.params = params;
  }

  get status(): number {
    return registry[this.code]?.status ?? 500;
  }
}
