// Coded errors of result documents and receipts (see src/errors.ts).
import type { ErrorSpec } from '../errors.ts';

export const resultErrors: Record<string, ErrorSpec> = {
  'result.invalid_input': { status: 400, description: 'The data for a result document or receipt fails validation: a missing field, a rejection without a reason, a URL that is not http(s).' },
  'result.render_failed': { status: 500, description: 'Typst could not compile a result template; the cause holds the Typst diagnostics.' },
};
