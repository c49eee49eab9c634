// PAdES signing at baseline levels B-B, B-T, B-LT and B-LTA (ETSI EN 319
// 142-1): a CAdES signature in a new signature field (signature-field.ts),
// with a signature timestamp from B-T, the DSS with validation data from B-LT
// (validation-data.ts) and a document timestamp from B-LTA
// (document-timestamp.ts). Every step is an incremental update, so earlier
// signatures stay valid.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { SijillError } from '../errors.ts';
import type { Signer } from '../pki/signer.ts';
import { createCadesSignature, type CadesOptions } from './cms-sign.ts';
import { addDocumentTimestamp } from './document-timestamp.ts';
import { pdfDate, pdfTextString } from './pdf-text.ts';
import type { RevocationFetchOptions } from './revocation-sources.ts';
import { appendSignatureField, loadSigningDocument, type SignatureFieldOptions } from './signature-field.ts';
import { addValidationData } from './validation-data.ts';

export { SignPdfError } from './signature-field.ts';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface SignPdfOptions extends CadesOptions, SignatureFieldOptions {
  reason?: string;
  location?: string;
  /** Signer's name shown by viewers (/Name). */
  name?: string;
  contactInfo?: string;
  /** Claimed signing time written as /M. @default now */
  signingTime?: Date;
  /** @default 'B-T' when a TSA (tsaUrl or localTsa) is set, else 'B-B' */
  level?: PadesLevel;
  /** Where B-LT and B-LTA find revocation data (responders, cache, timeout). */
  revocation?: RevocationFetchOptions;
}

/**
 * Signs `pdf` with a PAdES signature at `options.level`. Throws SijillError
 * `signature.certified_no_changes` for a certified PDF that permits no
 * further signature, `signature.tsa_required` for a level with timestamps
 * but no TSA, `signature.validation_data_unavailable` when B-LT data cannot
 * be fetched; TimestampError when the TSA fails; SignPdfError for a PDF that
 * cannot be signed.
 */
export async function signPdf(pdf: Uint8Array, signer: Signer, options: SignPdfOptions = {}): Promise<Uint8Array> {
  const tsa = options.tsaUrl ?? options.localTsa;
  const level = options.level ?? (tsa ? 'B-T' : 'B-B');
  if (level !== 'B-B' && !tsa) throw new SijillError('signature.tsa_required', { level });
  const document = await loadSigningDocument(pdf, options.page ?? 0);
  checkCertificationAllowsSigning(document.catalog);

  let signed = await appendSignatureField(pdf, document, signatureEntries(options), (digest) => createCadesSignature(digest, signer, options), options);
  if (level === 'B-LT' || level === 'B-LTA') signed = await addValidationData(signed, options.revocation ? { revocation: options.revocation } : {});
  if (level === 'B-LTA' && tsa) {
    signed = await addDocumentTimestamp(signed, { tsa, ...(options.timestamp ? { timestamp: options.timestamp } : {}) });
  }
  return signed;
}

function signatureEntries(options: SignPdfOptions): string[] {
  const entries = [
    '/Type /Sig', '/Filter /Adobe.PPKLite', '/SubFilter /ETSI.CAdES.detached',
    `/M ${PDFString.of(pdfDate(options.signingTime ?? new Date())).toString()}`,
  ];
  if (options.reason !== undefined) entries.push(`/Reason ${pdfTextString(options.reason).toString()}`);
  if (options.location !== undefined) entries.push(`/Location ${pdfTextString(options.location).toString()}`);
  if (options.name !== undefined) entries.push(`/Name ${pdfTextString(options.name).toString()}`);
  if (options.contactInfo !== undefined) entries.push(`/ContactInfo ${pdfTextString(options.contactInfo).toString()}`);
  return entries;
}

/**
 * Rejects a PDF certified with DocMDP P=1 (ISO 32000-2 12.8.2.2): any new
 * signature would break its certification. DSS and document timestamps are
 * still allowed, so addValidationData and addDocumentTimestamp do not check.
 */
function checkCertificationAllowsSigning(catalog: PDFDict): void {
  const perms = catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
  const certification = perms?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const references = certification?.lookupMaybe(PDFName.of('Reference'), PDFArray);
  for (let i = 0; references && i < references.size(); i++) {
    const reference = references.lookupMaybe(i, PDFDict);
    if (reference?.lookupMaybe(PDFName.of('TransformMethod'), PDFName) !== PDFName.of('DocMDP')) continue;
    const permission = reference.lookupMaybe(PDFName.of('TransformParams'), PDFDict)?.lookupMaybe(PDFName.of('P'), PDFNumber)?.asNumber() ?? 2;
    if (permission === 1) throw new SijillError('signature.certified_no_changes');
  }
}
