// Coded errors of signing (see src/errors.ts).
import type { ErrorSpec } from '../errors.ts';

export const signatureErrors: Record<string, ErrorSpec> = {
  'signature.certified_no_changes': { status: 409, description: 'The PDF carries a certification signature whose DocMDP permissions (P=1) allow no further signature; thrown by signPdf before anything is written.' },
  'signature.tsa_required': { status: 400, description: 'A PAdES level with a timestamp (B-T, B-LT, B-LTA) was requested without a time-stamping authority.' },
  'signature.validation_data_unavailable': { status: 503, description: 'Adding B-LT validation data failed: a certificate names OCSP or CRL sources and none returned fresh, valid data. Retry later.' },
};
