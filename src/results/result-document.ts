// Result documents (نتيجة التسوية): the licence, certificate, certified copy
// or decision that ends a procedure, rendered in Arabic as PDF/A-2b for the
// approver to sign. Signing happens elsewhere. This module only renders.
import { z } from 'zod';
import { applicantSchema, bilingualTextSchema, parseInput, requiredText, timeZoneSchema, verificationSchema } from './input.ts';
import { bilingual, formatDate, isolate, type Bilingual } from './format.ts';
import { qrCodeSvg } from './qr.ts';
import { sharedTypstRenderer, type TypstRenderer } from './typst.ts';

export const resultKinds = ['licence', 'certificate', 'certified_copy', 'decision'] as const;
export type ResultKind = (typeof resultKinds)[number];

export const resultDocumentSchema = z.object({
  kind: z.enum(resultKinds),
  procedure: bilingualTextSchema,
  reference: requiredText(64),
  applicant: applicantSchema,
  issuer: bilingualTextSchema,
  decision: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('approved') }),
    z.object({ outcome: z.literal('rejected'), reason: requiredText(2000) }),
  ]),
  issuedAt: z.date(),
  /** Last day of validity, or null for a result without expiry. */
  validUntil: z.date().nullable(),
  /** Key/value pairs from the application form, printed in this order. */
  fields: z.array(z.object({ label: requiredText(200), value: z.string().max(2000) })).max(100),
  verification: verificationSchema,
  /** IANA time zone in which dates are printed (SIJILL_TIMEZONE). */
  timeZone: timeZoneSchema,
}).superRefine((input, context) => {
  if (input.decision.outcome === 'rejected' && input.kind !== 'decision') {
    context.addIssue({ code: 'custom', path: ['decision'], message: `a ${input.kind} is issued only for an approval: render a rejection as kind decision` });
  }
  if (input.validUntil !== null && input.validUntil.getTime() < input.issuedAt.getTime()) {
    context.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before issuedAt' });
  }
});

export type ResultDocumentInput = z.input<typeof resultDocumentSchema>;

interface Row {
  label: Bilingual;
  value: string;
}

/**
 * Renders a result document as PDF/A-2b bytes. Arabic comes first with
 * English under it. References, IDs, dates and URLs are printed as
 * left-to-right isolates. Throws SijillError result.invalid_input or
 * result.render_failed.
 */
export function renderResultDocument(input: ResultDocumentInput, renderer: TypstRenderer = sharedTypstRenderer()): Uint8Array {
  const document = parseInput(resultDocumentSchema, input);
  const { timeZone } = document;
  const title = bilingual(`result.kind.${document.kind}`);

  const details: Row[] = [
    { label: bilingual('result.label.reference'), value: isolate(document.reference) },
    { label: bilingual('result.label.procedure'), value: isolate(document.procedure.ar) },
    { label: bilingual('result.label.applicant'), value: isolate(document.applicant.name) },
    { label: bilingual(`result.label.${document.applicant.identifierKind}`), value: isolate(document.applicant.identifier) },
    { label: bilingual('result.label.issued_at'), value: isolate(formatDate(document.issuedAt, timeZone)) },
    {
      label: bilingual('result.label.valid_until'),
      value: document.validUntil === null ? bilingual('result.validity.unlimited').ar : isolate(formatDate(document.validUntil, timeZone)),
    },
  ];

  const decision = document.kind !== 'decision' ? null : {
    label: bilingual('result.label.decision'),
    approved: document.decision.outcome === 'approved',
    outcome: bilingual(`result.decision.${document.decision.outcome}`),
    reasonLabel: bilingual('result.label.reason'),
    reason: document.decision.outcome === 'rejected' ? isolate(document.decision.reason) : null,
  };

  const view = {
    metadata: { title: `${title.ar} - ${document.procedure.ar} - ${document.reference}`, author: document.issuer.ar, keywords: [document.reference, document.kind] },
    issuer: document.issuer,
    reference: isolate(document.reference),
    title,
    procedure: document.procedure,
    intro: { ar: bilingual(`result.intro.${document.kind}`, { issuer: document.issuer.ar }).ar, en: bilingual(`result.intro.${document.kind}`, { issuer: document.issuer.en }).en },
    details,
    decision,
    fieldsLabel: bilingual('result.label.fields'),
    fields: document.fields.map((field) => ({ label: isolate(field.label), value: isolate(field.value) })),
    verification: verificationView(document.verification),
    signedNote: bilingual('result.signed_note'),
    pageLabel: bilingual('result.page'),
  };
  return renderer.renderPdf('result', view, document.issuedAt);
}

/** Builds the verification block shared by result documents and receipts. */
export function verificationView(verification: { code: string; url: string }) {
  return {
    codeLabel: bilingual('result.label.verification_code'),
    code: isolate(verification.code),
    url: isolate(verification.url),
    hint: bilingual('result.verify_hint'),
    qrSvg: qrCodeSvg(verification.url),
  };
}
