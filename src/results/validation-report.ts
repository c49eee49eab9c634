// Signature validation report as a PDF/A-2b document. It starts with the
// document's identity (id, file name, SHA-256, validity basis and reason).
// Then comes one table per signature with its ETSI EN 319 102-1 indication,
// signer, signing time and its proof, chain, revocation and changes after
// signing. The signatures come from the stored SignatureReport[]
// (src/signatures/report.ts), and the schema below gives defaults for fields
// that rows written by older versions may lack.
import { z } from 'zod';
import { bilingualTextSchema, parseInput, requiredText, timeZoneSchema } from './input.ts';
import { bilingual, formatDateTime, isolate, type Bilingual } from './format.ts';
import { validityBases } from '../domain/procedures.ts';
import { sharedTypstRenderer, type TypstRenderer } from './typst.ts';

const certificateSchema = z.object({
  subject: z.string(),
  commonName: z.string().optional(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

const signatureSchema = z.object({
  kind: z.enum(['signature', 'document-timestamp']).default('signature'),
  fieldName: z.string().nullable().default(null),
  indication: z.string(),
  subIndication: z.string().nullable().default(null),
  findings: z.array(z.object({ subIndication: z.string(), reason: z.string() })).default([]),
  signer: certificateSchema.nullable().default(null),
  digestMatches: z.boolean().nullable().default(null),
  signatureValid: z.boolean().nullable().default(null),
  digestAlgorithm: z.string().nullable().default(null),
  signatureAlgorithm: z.string().nullable().default(null),
  claimedSigningTime: z.string().nullable().default(null),
  validationTime: z.string().optional(),
  timestamp: z.object({ genTime: z.string(), tsa: z.string().optional(), valid: z.boolean(), reason: z.string().optional() }).nullable().default(null),
  chain: z.array(z.string()).default([]),
  chainTrusted: z.boolean().default(false),
  revocation: z.array(z.object({ subject: z.string(), status: z.string(), source: z.string().optional(), note: z.string().optional() })).default([]),
  changes: z.object({ appended: z.boolean(), revisions: z.number(), kinds: z.array(z.string()), allowed: z.boolean() }).optional(),
});

export const validationReportSchema = z.object({
  issuer: bilingualTextSchema,
  document: z.object({
    id: requiredText(64),
    fileName: requiredText(300),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
    /** Null while the verify worker has not judged the document. */
    validityBasis: z.enum([...validityBases, 'invalid']).nullable(),
    validityReason: bilingualTextSchema.nullable(),
  }),
  signatures: z.array(signatureSchema).max(100),
  generatedAt: z.date(),
  /** IANA time zone in which times are printed (SIJILL_TIMEZONE). */
  timeZone: timeZoneSchema,
});

/** Render input. `signatures` is the stored SignatureReport[] as read from the database, and the schema checks it. */
export type ValidationReportInput = Omit<z.input<typeof validationReportSchema>, 'signatures'> & { signatures: readonly unknown[] };
type Signature = z.output<typeof signatureSchema>;

interface Row {
  label: Bilingual;
  value: string;
}

/** Formats an ISO time from the report in the time zone, or returns it unchanged when it does not parse. */
function printedTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return isolate(Number.isNaN(date.getTime()) ? iso : formatDateTime(date, timeZone));
}

/** Joins Arabic and English on one line, the English in an LTR isolate, because table cells contain plain text only. */
function arabicThenEnglish(text: Bilingual): string {
  return `${text.ar} — ${isolate(text.en)}`;
}

function integrityOf(signature: Signature): Bilingual {
  if (signature.digestMatches === null || signature.signatureValid === null) return bilingual('report.integrity.unchecked');
  return bilingual(signature.digestMatches && signature.signatureValid ? 'report.integrity.passed' : 'report.integrity.failed');
}

function changesOf(signature: Signature): string {
  const changes = signature.changes;
  if (changes === undefined || !changes.appended) return arabicThenEnglish(bilingual('report.changes.none'));
  const verdict = arabicThenEnglish(bilingual(changes.allowed ? 'report.changes.allowed' : 'report.changes.not_allowed'));
  return `${verdict}: ${isolate(changes.kinds.join(', '))}`;
}

function timestampOf(signature: Signature, timeZone: string): string {
  const timestamp = signature.timestamp;
  if (timestamp === null) return '—';
  const verdict = arabicThenEnglish(bilingual(timestamp.valid ? 'report.timestamp.valid' : 'report.timestamp.invalid'));
  const authority = timestamp.tsa ? `\n${isolate(timestamp.tsa)}` : '';
  return `${printedTime(timestamp.genTime, timeZone)} (${verdict})${authority}`;
}

/** Lists each certificate's revocation status, one per line, with the source (OCSP or CRL) and the note. */
function revocationOf(signature: Signature): string {
  if (signature.revocation.length === 0) return arabicThenEnglish(bilingual('report.revocation.none'));
  return signature.revocation.map((entry) => {
    const source = entry.source ? ` (${entry.source})` : '';
    const note = entry.note ? ` - ${entry.note}` : '';
    return isolate(`${entry.subject}: ${entry.status}${source}${note}`);
  }).join('\n');
}

function signatureRows(signature: Signature, timeZone: string): Row[] {
  const row = (key: string, value: string): Row => ({ label: bilingual(`report.field.${key}`), value });
  const rows: Row[] = [
    row('kind', arabicThenEnglish(bilingual(`report.kind.${signature.kind}`))),
    row('field_name', signature.fieldName === null ? '—' : isolate(signature.fieldName)),
    row('indication', isolate(signature.indication)),
    row('sub_indication', signature.subIndication === null ? '—' : isolate(signature.subIndication)),
  ];

  if (signature.findings.length > 0) {
    rows.push(row('findings', signature.findings.map((finding) => isolate(`${finding.subIndication}: ${finding.reason}`)).join('\n')));
  }

  const signer = signature.signer;
  rows.push(row('signer', signer === null ? '—' : isolate(signer.commonName ?? signer.subject)));
  if (signer !== null) {
    rows.push(row('signer_issuer', isolate(signer.issuer)));
    rows.push(row('signer_serial', isolate(signer.serialNumber)));
    rows.push(row('signer_validity', `${printedTime(signer.notBefore, timeZone)} — ${printedTime(signer.notAfter, timeZone)}`));
  }

  rows.push(row('claimed_time', signature.claimedSigningTime === null ? '—' : printedTime(signature.claimedSigningTime, timeZone)));
  rows.push(row('timestamp', timestampOf(signature, timeZone)));
  if (signature.validationTime !== undefined) rows.push(row('validation_time', printedTime(signature.validationTime, timeZone)));

  rows.push(row('integrity', arabicThenEnglish(integrityOf(signature))));
  rows.push(row('algorithms', isolate([signature.digestAlgorithm, signature.signatureAlgorithm].filter((name) => name !== null).join(', ') || '—')));

  const chainVerdict = arabicThenEnglish(bilingual(signature.chainTrusted ? 'report.chain.trusted' : 'report.chain.untrusted'));
  rows.push(row('chain', [chainVerdict, ...signature.chain.map((subject) => isolate(subject))].join('\n')));
  rows.push(row('revocation', revocationOf(signature)));
  rows.push(row('changes', changesOf(signature)));
  return rows;
}

/**
 * Renders a document's signature validation report as PDF/A-2b bytes, Arabic
 * first with English labels. Every value reaches Typst as a plain string.
 * Throws SijillError result.invalid_input or result.render_failed.
 */
export function renderValidationReportPdf(input: ValidationReportInput, renderer: TypstRenderer = sharedTypstRenderer()): Uint8Array {
  const report = parseInput(validationReportSchema, input);
  const { document, timeZone } = report;
  const title = bilingual('report.title');
  const basis = document.validityBasis === null ? '—' : arabicThenEnglish(bilingual(`validity.basis.${document.validityBasis}`));

  const details: Row[] = [
    { label: bilingual('report.label.file_name'), value: isolate(document.fileName) },
    { label: bilingual('report.label.document_id'), value: isolate(document.id) },
    // Two lines of 32 hex digits, because 64 digits overflow the value column at 12 pt.
    { label: bilingual('report.label.sha256'), value: `${isolate(document.sha256.slice(0, 32))}\n${isolate(document.sha256.slice(32))}` },
    { label: bilingual('report.label.validity_basis'), value: basis },
    { label: bilingual('report.label.validity_reason'), value: document.validityReason === null ? '—' : `${document.validityReason.ar}\n${isolate(document.validityReason.en)}` },
    { label: bilingual('report.label.generated_at'), value: isolate(formatDateTime(report.generatedAt, timeZone)) },
  ];

  const view = {
    metadata: { title: `${title.ar} - ${document.fileName}`, author: report.issuer.ar, keywords: [document.id, document.sha256, 'validation-report'] },
    issuer: report.issuer,
    reference: isolate(document.sha256.slice(0, 16)),
    title,
    subtitle: { ar: isolate(document.fileName), en: isolate(document.id) },
    intro: bilingual('report.intro'),
    details,
    signatures: report.signatures.map((signature, index) => ({
      heading: bilingual('report.signature_heading', { number: index + 1, total: report.signatures.length }),
      rows: signatureRows(signature, timeZone),
    })),
    noSignatures: bilingual('report.no_signatures'),
    signedNote: bilingual('report.note'),
    pageLabel: bilingual('result.page'),
  };
  return renderer.renderPdf('validation-report', view, report.generatedAt);
}
