// Revocation checking of a certificate path (ETSI EN 319 102-1 5.2.6 and
// 5.6.2): every certificate below the trust anchor needs a status from
// revocation data that passed its checks (ocsp.ts, crl.ts). Embedded data
// (DSS, CMS revocation attributes) is used first, then sources are fetched
// (revocation-sources.ts).
//
// Freshness: "good" evidence counts when it was issued after the proof of
// existence of the signature (thisUpdate >= POE time - clockSkewMs), or when
// it is still current at the validation time (thisUpdate <= at < nextUpdate).
// "revoked" evidence counts whenever it was issued.
//
// A revoked certificate does not fail a signature that existed before the
// revocation: with a proof of existence (a valid timestamp) earlier than the
// revocation time, the status is passed. Otherwise the result is
//   TOTAL_FAILED / REVOKED          the signer's own claimed signing time is
//                                   at or after the revocation,
//   INDETERMINATE / REVOKED_NO_POE  for the signer certificate otherwise,
//   INDETERMINATE / REVOKED_CA_NO_POE for a CA certificate.
//
// Policies for a certificate without usable data: `hard-fail` (default)
// gives TRY_LATER when the certificate names an OCSP or CRL source (or a
// local responder serves its CA) and passes it when it names none;
// `require` gives TRY_LATER in both cases; `soft-fail` never fails for lack
// of data. An OCSP responder certificate with id-pkix-ocsp-nocheck is not
// checked. A delegated responder without it is checked by CRL only, because
// an OCSP response about it would come from itself. Its responses are
// rejected when it was revoked before it signed them, and, unless the policy
// is soft-fail, when it names a CRL that cannot be fetched.
import { certificateInfo, subjectLine, type CertificateInfo } from './certificate-info.ts';
import { checkCrl } from './crl.ts';
import { checkOcspResponse, type RevocationEvidence } from './ocsp.ts';
import type { Finding } from './report.ts';
import { fetchRevocation, type RevocationFetchOptions } from './revocation-sources.ts';

export type RevocationPolicy = 'require' | 'hard-fail' | 'soft-fail';

export interface RevocationOptions extends RevocationFetchOptions {
  /** @default 'hard-fail' */
  policy?: RevocationPolicy;
  /** Tolerated difference between the TSA's and the responder's clocks. @default 120000 */
  clockSkewMs?: number;
}

/** Revocation data carried by the file: DSS streams and CMS revocation attributes (DER). */
export interface EmbeddedRevocationData {
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

/** The revocation status found for one certificate of a path, as reported. */
export interface CertificateRevocation {
  subject: string;
  status: 'good' | 'revoked' | 'unknown' | 'not-checked';
  source?: 'ocsp' | 'crl';
  /** Data carried by the file, or fetched (or cached from a fetch). */
  origin?: 'embedded' | 'fetched';
  thisUpdate?: string;
  revokedAt?: string;
  /** Why the status is unknown or not checked. */
  note?: string;
}

export interface PathRevocationContext {
  /** Time the signature is proven to exist: a valid timestamp's genTime, else the validation time. */
  poe: Date;
  /** `poe` comes from a timestamp. */
  proven: boolean;
  /** Validation time. */
  at: Date;
  claimedSigningTime: Date | null;
  embedded: EmbeddedRevocationData;
  options: RevocationOptions;
}

export interface PathRevocation {
  findings: Finding[];
  statuses: CertificateRevocation[];
  /** Evidence that decided each status, to embed in a DSS. */
  evidence: RevocationEvidence[];
}

/** Checks every certificate of a trusted path (signer first, trust anchor last). */
export async function checkPathRevocation(path: Uint8Array[], context: PathRevocationContext): Promise<PathRevocation> {
  const result: PathRevocation = { findings: [], statuses: [], evidence: [] };
  const infos = path.map((der) => certificateInfo(der));
  for (let i = 0; i + 1 < infos.length; i++) {
    const subject = infos[i] as CertificateInfo;
    const issuer = infos[i + 1] as CertificateInfo;
    const status = await checkCertificate(subject, issuer, context, result);
    result.statuses.push(status);
    const finding = judge(status, i === 0, context);
    if (finding) result.findings.push(finding);
  }
  return result;
}

async function checkCertificate(subject: CertificateInfo, issuer: CertificateInfo, context: PathRevocationContext, result: PathRevocation): Promise<CertificateRevocation> {
  const status: CertificateRevocation = { subject: subjectLine(subject), status: 'unknown' };
  if (subject.ocspNoCheck && subject.extendedKeyUsages.includes('1.3.6.1.5.5.7.3.9')) {
    return { ...status, status: 'not-checked', note: 'OCSP responder certificate with id-pkix-ocsp-nocheck' };
  }
  const skew = context.options.clockSkewMs ?? 120_000;
  const acceptable = (evidence: RevocationEvidence): boolean => evidence.status === 'revoked'
    || evidence.thisUpdate.getTime() >= context.poe.getTime() - skew
    || (evidence.thisUpdate.getTime() <= context.at.getTime() + skew && evidence.nextUpdate !== undefined && context.at < evidence.nextUpdate);

  const embedded = embeddedEvidence(subject, issuer, context.embedded);
  const rejections: string[] = [];
  const candidates = [...embedded.filter((evidence) => evidence.status === 'revoked'), ...embedded.filter((evidence) => evidence.status !== 'revoked' && acceptable(evidence))];
  for (const candidate of candidates) {
    const rejection = await responderRejection(candidate, issuer, context, result);
    if (rejection === undefined) return record(status, candidate, 'embedded', result);
    rejections.push(rejection);
  }

  const fetched = await fetchRevocation(subject, issuer, context.options, acceptable);
  if (fetched.evidence) {
    const rejection = await responderRejection(fetched.evidence, issuer, context, result);
    if (rejection === undefined) return record(status, fetched.evidence, 'fetched', result);
    rejections.push(rejection);
  }
  fetched.failures.push(...rejections);
  const policy = context.options.policy ?? 'hard-fail';
  const required = policy === 'require' || (policy === 'hard-fail' && (fetched.hasSource || embedded.length > 0));
  if (!required) return { ...status, status: 'not-checked', note: policy === 'soft-fail' ? 'soft-fail policy' : 'the certificate names no OCSP responder or CRL' };
  const stale = embedded.length > 0 ? ['the embedded data was issued before the proof of existence and is no longer current'] : [];
  const reasons = [...stale, ...fetched.failures];
  return { ...status, note: reasons.length > 0 ? reasons.join('; ') : 'no revocation data and no way to fetch any' };
}

/**
 * Returns why an OCSP response signed by a delegated responder without
 * id-pkix-ocsp-nocheck is rejected, or undefined when it is accepted or needs
 * no check. The responder's CRL is recorded as evidence for the DSS.
 */
async function responderRejection(evidence: RevocationEvidence, issuer: CertificateInfo, context: PathRevocationContext, result: PathRevocation): Promise<string | undefined> {
  const responder = evidence.responder;
  if (responder === undefined) return undefined;
  const responderName = `the OCSP responder certificate "${subjectLine(responder)}"`;
  const producedAt = evidence.producedAt ?? evidence.thisUpdate;
  const embedded = context.embedded.crls.map((der) => checkCrl(der, responder, issuer)).filter((checked): checked is RevocationEvidence => typeof checked !== 'string');
  let status = embedded.find((crl) => crl.status === 'revoked') ?? embedded.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
  if (status === undefined) {
    const crlOnly: CertificateInfo = { ...responder, ocspUrls: [] };
    const fetched = await fetchRevocation(crlOnly, issuer, { ...context.options, responders: [] }, () => true);
    status = fetched.evidence;
    if (status === undefined) {
      if (responder.crlUrls.length === 0 || context.options.policy === 'soft-fail') return undefined;
      return `${responderName} has no id-pkix-ocsp-nocheck and no usable CRL: ${fetched.failures.join('; ') || 'none could be fetched'}`;
    }
  }
  result.evidence.push(status);
  if (status.status === 'revoked' && status.revokedAt !== undefined && status.revokedAt <= producedAt) {
    return `${responderName} was revoked on ${status.revokedAt.toISOString()}, before it signed the response at ${producedAt.toISOString()}`;
  }
  return undefined;
}

function record(status: CertificateRevocation, evidence: RevocationEvidence, origin: 'embedded' | 'fetched', result: PathRevocation): CertificateRevocation {
  result.evidence.push(evidence);
  const recorded: CertificateRevocation = { ...status, status: evidence.status, source: evidence.source, origin, thisUpdate: evidence.thisUpdate.toISOString() };
  if (evidence.revokedAt) recorded.revokedAt = evidence.revokedAt.toISOString();
  return recorded;
}

function embeddedEvidence(subject: CertificateInfo, issuer: CertificateInfo, embedded: EmbeddedRevocationData): RevocationEvidence[] {
  const found: RevocationEvidence[] = [];
  for (const der of embedded.ocsps) {
    const checked = checkOcspResponse(der, subject, issuer);
    if (typeof checked !== 'string') found.push(checked);
  }
  for (const der of embedded.crls) {
    const checked = checkCrl(der, subject, issuer);
    if (typeof checked !== 'string') found.push(checked);
  }
  return found.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime());
}

function judge(status: CertificateRevocation, isSigner: boolean, context: PathRevocationContext): Finding | undefined {
  if (status.status === 'unknown') {
    return { subIndication: 'TRY_LATER', reason: `no usable revocation status for "${status.subject}": ${status.note ?? 'unknown'}` };
  }
  if (status.status !== 'revoked' || !status.revokedAt) return undefined;
  const revokedAt = new Date(status.revokedAt);
  if (context.proven && context.poe < revokedAt) {
    status.note = `revoked on ${status.revokedAt}, after the signature's proof of existence at ${context.poe.toISOString()}`;
    return undefined;
  }
  const who = isSigner ? 'signer certificate' : 'CA certificate';
  if (isSigner && context.claimedSigningTime && context.claimedSigningTime >= revokedAt) {
    return { subIndication: 'REVOKED', reason: `the ${who} "${status.subject}" was revoked on ${status.revokedAt}, before the claimed signing time ${context.claimedSigningTime.toISOString()}` };
  }
  return {
    subIndication: isSigner ? 'REVOKED_NO_POE' : 'REVOKED_CA_NO_POE',
    reason: `the ${who} "${status.subject}" was revoked on ${status.revokedAt} and no proof of existence precedes the revocation`,
  };
}
