// Sijill's signature facade for workers and the API: seal or sign a PDF
// (PAdES, incremental update) and validate every signature of a PDF.
export { signPdf, SignPdfError, type PadesLevel, type SignPdfOptions } from './sign-pdf.ts';
export { addValidationData, type ValidationDataOptions } from './validation-data.ts';
export { addDocumentTimestamp, type DocumentTimestampOptions } from './document-timestamp.ts';
export { validatePdfSignatures, type ValidatePdfOptions } from './validate-pdf.ts';
export type { ChangeKind, ChangesAfterSigning, Finding, Indication, SignatureReport, SubIndication } from './report.ts';
export type { TrustAnchor } from './trust-anchors.ts';
export type { CertificateRevocation, RevocationOptions, RevocationPolicy } from './revocation.ts';
export { RevocationCache, processRevocationCache, type LocalOcspResponder } from './revocation-sources.ts';
export { TimestampError } from './timestamp-client.ts';
export type { Signer } from '../pki/signer.ts';
export { loadSigner } from '../pki/signer.ts';
export { createDemoPki, loadDemoSigner, loadDemoTrustAnchors } from '../pki/demo-pki.ts';
export { revocationOptionsFor, signingOptionsFor } from './services.ts';

import type { SignatureReport } from './report.ts';

/** True when the PDF has at least one signature and every one of them is TOTAL_PASSED. */
export function allSignaturesPassed(reports: SignatureReport[]): boolean {
  return reports.length > 0 && reports.every((report) => report.indication === 'TOTAL_PASSED');
}
