// Validity basis (أساس الصلاحية): why a document is legally valid, or why
// not. A document is valid on one of these bases:
//   digitized_signed  — digitized at the counter and sealed by the agency;
//   certified_copy    — certified electronic copy of a paper original;
//   e_authenticated   — carries a valid signature of its issuer or holder;
//   self_declared     — unsigned, with the applicant's declaration;
//   other_prescribed  — another case the law prescribes;
// or it is invalid, with the reason. A signature counts only by its
// validation report (TOTAL_PASSED), never by the presence of a field.
import type { ValidityBasis } from '../db/documents.ts';
import { hasKey, t } from '../i18n/index.ts';
import type { Component } from './procedures.ts';

export interface SignatureVerdict {
  indication: 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';
  subIndication?: string | null | undefined;
  signer?: string | null | undefined;
}

export interface Judgement {
  basis: ValidityBasis;
  reason: { ar: string; en: string };
  /** False when the component does not accept this basis: the officer sees a warning and the document is not used silently. */
  acceptedByComponent: boolean;
}

function reason(key: string, params: Record<string, string | number> = {}): { ar: string; en: string } {
  return { ar: t(key, 'ar', params), en: t(key, 'en', params) };
}

/** Builds the reason of a failed or indeterminate signature, with its ETSI sub-indication in plain words (the code itself when unknown). */
function verdictReason(key: string, subIndication: string | null | undefined): { ar: string; en: string } {
  const detail = (lang: 'ar' | 'en') => {
    if (!subIndication) return '-';
    const subKey = `validity.sub.${subIndication}`;
    return hasKey(subKey, lang) ? t(subKey, lang) : subIndication;
  };
  return { ar: t(key, 'ar', { detail: detail('ar') }), en: t(key, 'en', { detail: detail('en') }) };
}

/** Judges an upload from its signature reports; `declared` is whether the applicant declared it a true copy. */
export function judgeUpload(verdicts: SignatureVerdict[], declared: boolean, component: Component | undefined): Judgement {
  let judgement: Omit<Judgement, 'acceptedByComponent'>;
  const failed = verdicts.find((v) => v.indication === 'TOTAL_FAILED');
  const indeterminate = verdicts.find((v) => v.indication === 'INDETERMINATE');
  if (failed) {
    judgement = { basis: 'invalid', reason: verdictReason('validity.signature_failed', failed.subIndication) };
  } else if (indeterminate) {
    judgement = { basis: 'invalid', reason: verdictReason('validity.signature_indeterminate', indeterminate.subIndication) };
  } else if (verdicts.length > 0) {
    judgement = { basis: 'e_authenticated', reason: reason('validity.e_authenticated', { signer: verdicts.map((v) => v.signer ?? '?').join('، ') }) };
  } else if (declared) {
    judgement = { basis: 'self_declared', reason: reason('validity.self_declared') };
  } else {
    judgement = { basis: 'invalid', reason: reason('validity.unsigned_undeclared') };
  }
  return { ...judgement, acceptedByComponent: isAccepted(judgement.basis, component) };
}

export function sealedJudgement(unitName: string, component: Component | undefined): Judgement {
  return { basis: 'digitized_signed', reason: reason('validity.digitized_signed', { unit: unitName }), acceptedByComponent: isAccepted('digitized_signed', component) };
}

function isAccepted(basis: ValidityBasis, component: Component | undefined): boolean {
  if (basis === 'invalid') return false;
  return component ? (component.accepts as string[]).includes(basis) : true;
}

export function basisNotAcceptedReason(basis: ValidityBasis): { ar: string; en: string } {
  return {
    ar: t('validity.basis_not_accepted', 'ar', { basis: t(`validity.basis.${basis}`, 'ar') }),
    en: t('validity.basis_not_accepted', 'en', { basis: t(`validity.basis.${basis}`, 'en') }),
  };
}
