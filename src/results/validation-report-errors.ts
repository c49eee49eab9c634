// Coded errors of validation report downloads (see src/errors.ts).
import type { ErrorSpec } from '../errors.ts';

export const validationReportErrors: Record<string, ErrorSpec> = {
  'report.not_pdf': { status: 404, description: 'A validation report was requested for a document that is not a PDF, so its signatures are never validated.' },
  'report.not_verified': { status: 409, description: 'A validation report was requested for a PDF whose signatures the verify worker has not validated yet.' },
};
