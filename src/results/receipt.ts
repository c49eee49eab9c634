// Dossier receipt (إيصال الاستلام): proof of electronic receipt that the
// applicant keeps. It states when the processing clock started, the deadline
// on the working calendar and the documents received, each with the start of
// its SHA-256 and its validity basis.
import { z } from 'zod';
import { applicantSchema, bilingualTextSchema, parseInput, requiredText, timeZoneSchema, verificationSchema } from './input.ts';
import { bilingual, formatDateTime, isolate, type Bilingual } from './format.ts';
import { verificationView } from './result-document.ts';
import { sharedTypstRenderer, type TypstRenderer } from './typst.ts';

export const validityBases = ['digitized_signed', 'certified_copy', 'e_authenticated', 'self_declared', 'other_prescribed', 'not_valid'] as const;

/** Hex digits of the SHA-256 printed on the receipt: 64 bits, enough to tell documents apart by eye. */
export const sha256PrefixLength = 16;

export const receiptSchema = z.object({
  reference: requiredText(64),
  procedure: bilingualTextSchema,
  applicant: applicantSchema,
  issuer: bilingualTextSchema,
  /** Electronic receipt time: the processing clock starts here. */
  receivedAt: z.date(),
  /** Deadline from the working calendar, or null while a supplement request pauses the clock. */
  deadline: z.date().nullable(),
  documents: z.array(z.object({
    name: requiredText(300),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
    validityBasis: z.enum(validityBases),
  })).max(200),
  /** Dossier status page for the applicant, printed with a QR code when present. */
  verification: verificationSchema.optional(),
  /** IANA time zone in which times are printed (SIJILL_TIMEZONE). */
  timeZone: timeZoneSchema,
});

export type ReceiptInput = z.input<typeof receiptSchema>;

/**
 * Renders the dossier receipt as PDF/A-2b bytes, with the same bidi and
 * escaping rules as result documents. Throws SijillError
 * result.invalid_input or result.render_failed.
 */
export function renderReceipt(input: ReceiptInput, renderer: TypstRenderer = sharedTypstRenderer()): Uint8Array {
  const receipt = parseInput(receiptSchema, input);
  const { timeZone } = receipt;
  const title = bilingual('receipt.title');

  const details: Array<{ label: Bilingual; value: string }> = [
    { label: bilingual('result.label.reference'), value: isolate(receipt.reference) },
    { label: bilingual('result.label.applicant'), value: isolate(receipt.applicant.name) },
    { label: bilingual(`result.label.${receipt.applicant.identifierKind}`), value: isolate(receipt.applicant.identifier) },
    { label: bilingual('receipt.label.received_at'), value: isolate(formatDateTime(receipt.receivedAt, timeZone)) },
    {
      label: bilingual('receipt.label.deadline'),
      value: receipt.deadline === null ? bilingual('receipt.deadline.paused').ar : isolate(formatDateTime(receipt.deadline, timeZone)),
    },
  ];

  const view = {
    metadata: { title: `${title.ar} - ${receipt.procedure.ar} - ${receipt.reference}`, author: receipt.issuer.ar, keywords: [receipt.reference, 'receipt'] },
    issuer: receipt.issuer,
    reference: isolate(receipt.reference),
    title,
    procedure: receipt.procedure,
    intro: { ar: bilingual('receipt.intro', { issuer: receipt.issuer.ar }).ar, en: bilingual('receipt.intro', { issuer: receipt.issuer.en }).en },
    details,
    documentsLabel: bilingual('receipt.label.documents'),
    columns: [bilingual('receipt.column.document'), bilingual('receipt.column.sha256'), bilingual('receipt.column.validity')],
    documents: receipt.documents.map((document, index) => ({
      number: String(index + 1),
      name: isolate(document.name),
      sha256: isolate(document.sha256.slice(0, sha256PrefixLength)),
      validity: bilingual(`result.validity_basis.${document.validityBasis}`),
    })),
    noDocuments: bilingual('receipt.no_documents'),
    verification: receipt.verification === undefined ? null : verificationView(receipt.verification),
    signedNote: bilingual('result.signed_note'),
    pageLabel: bilingual('result.page'),
  };
  return renderer.renderPdf('receipt', view, receipt.receivedAt);
}
