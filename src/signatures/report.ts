// The validation report of one PDF signature, in the terms of ETSI EN 319
// 102-1: an indication (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED) and, when
// it is not TOTAL_PASSED, a sub-indication naming the first check that did
// not pass. Checks run in this order, and the first failure decides:
//   format (ByteRange shape, CMS structure) -> FORMAT_FAILURE
//   document digest                           -> HASH_FAILURE
//   signature value                           -> SIG_CRYPTO_FAILURE
//   changes after signing that are not allowed -> FORMAT_FAILURE
//   algorithm strength                        -> CRYPTO_CONSTRAINTS_FAILURE
//   signing certificate and chain             -> NO_SIGNING_CERTIFICATE_FOUND,
//       NO_CERTIFICATE_CHAIN_FOUND, CERTIFICATE_CHAIN_GENERAL_FAILURE,
//       CHAIN_CONSTRAINTS_FAILURE, OUT_OF_BOUNDS_NO_POE, NOT_YET_VALID
//   revocation                                -> REVOKED, REVOKED_NO_POE,
//       REVOKED_CA_NO_POE, TRY_LATER (see revocation.ts)

import type { CertificateRevocation } from './revocation.ts';

export const indications = ['TOTAL_PASSED', 'INDETERMINATE', 'TOTAL_FAILED'] as const;
export type Indication = (typeof indications)[number];

export type SubIndication =
  | 'FORMAT_FAILURE' | 'HASH_FAILURE' | 'SIG_CRYPTO_FAILURE' | 'REVOKED'
  | 'CRYPTO_CONSTRAINTS_FAILURE' | 'NO_SIGNING_CERTIFICATE_FOUND' | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE' | 'CHAIN_CONSTRAINTS_FAILURE' | 'OUT_OF_BOUNDS_NO_POE'
  | 'NOT_YET_VALID' | 'REVOKED_NO_POE' | 'REVOKED_CA_NO_POE' | 'TRY_LATER' | 'SIG_CONSTRAINTS_FAILURE';

/** Indication of each sub-indication. */
export const indicationOf: Record<SubIndication, Indication> = {
  FORMAT_FAILURE: 'TOTAL_FAILED',
  HASH_FAILURE: 'TOTAL_FAILED',
  SIG_CRYPTO_FAILURE: 'TOTAL_FAILED',
  REVOKED: 'TOTAL_FAILED',
  CRYPTO_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  NO_SIGNING_CERTIFICATE_FOUND: 'INDETERMINATE',
  NO_CERTIFICATE_CHAIN_FOUND: 'INDETERMINATE',
  CERTIFICATE_CHAIN_GENERAL_FAILURE: 'INDETERMINATE',
  CHAIN_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  OUT_OF_BOUNDS_NO_POE: 'INDETERMINATE',
  NOT_YET_VALID: 'INDETERMINATE',
  REVOKED_NO_POE: 'INDETERMINATE',
  REVOKED_CA_NO_POE: 'INDETERMINATE',
  TRY_LATER: 'INDETERMINATE',
  SIG_CONSTRAINTS_FAILURE: 'INDETERMINATE',
};

/** A check that did not pass, with its sub-indication and a reason in English for logs and officers. */
export interface Finding {
  subIndication: SubIndication;
  reason: string;
}

/**
 * What an object written after the signature's revision is:
 * a later signature or its field, a document timestamp, DSS (validation
 * data), form filling, an annotation, document metadata, the catalog or the
 * form dictionary, a changed page, a changed page tree, the signature's own
 * dictionary rewritten, or anything else.
 */
export type ChangeKind =
  | 'signature' | 'document-timestamp' | 'dss' | 'form-fill' | 'annotation' | 'metadata' | 'catalog'
  | 'form' | 'appearance' | 'page' | 'page-tree' | 'signature-dictionary' | 'other';

export interface ChangesAfterSigning {
  /** Bytes (other than white space) follow the end of the signed revision. */
  appended: boolean;
  /** Number of revisions appended after the signed one. */
  revisions: number;
  /** Kinds of the objects written after signing, each listed once. */
  kinds: ChangeKind[];
  /** Pages added or removed after signing. */
  pageCountChanged: boolean;
  /** False when a change is not allowed for this signature (see findings). */
  allowed: boolean;
}

export interface CertificateSummary {
  subject: string;
  commonName?: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

export interface TimestampSummary {
  genTime: string;
  tsa?: string;
  /** The token's imprint matches, its signature verifies and its TSA chains to a trust anchor. */
  valid: boolean;
  reason?: string;
}

export interface SignatureReport {
  fieldName: string | null;
  /** `signature`, or `document-timestamp` for SubFilter ETSI.RFC3161. */
  kind: 'signature' | 'document-timestamp';
  subFilter: string | null;
  byteRange: number[] | null;
  /** Two ranges from offset 0 whose gap is exactly this dictionary's /Contents and which end at the end of a revision. */
  byteRangeValid: boolean;
  /** The document digest matches the signed message digest (or the signature, without signed attributes). */
  digestMatches: boolean | null;
  /** The signature value verifies with the signer's public key. */
  signatureValid: boolean | null;
  hasSignedAttributes: boolean | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  signer: CertificateSummary | null;
  /** Subjects from the signer up to the trust anchor, when a chain was found. */
  chain: string[];
  chainTrusted: boolean;
  keyUsageValid: boolean | null;
  /** Claimed signing time: /M of the dictionary, else the signing-time attribute. Not proof. */
  claimedSigningTime: string | null;
  /** Time the certificates were judged at: a valid signature timestamp's time, else the requested time. */
  validationTime: string;
  timestamp: TimestampSummary | null;
  /** Revocation status of each certificate below the trust anchor; empty when the path was not checked. */
  revocation: CertificateRevocation[];
  reason: string | null;
  location: string | null;
  changes: ChangesAfterSigning;
  indication: Indication;
  subIndication: SubIndication | null;
  findings: Finding[];
}

/** Picks the indication: the first TOTAL_FAILED finding, else the first finding; none means TOTAL_PASSED. */
export function decideIndication(findings: Finding[]): { indication: Indication; subIndication: SubIndication | null } {
  const first = findings.find((finding) => indicationOf[finding.subIndication] === 'TOTAL_FAILED') ?? findings[0];
  if (!first) return { indication: 'TOTAL_PASSED', subIndication: null };
  return { indication: indicationOf[first.subIndication], subIndication: first.subIndication };
}
