// CRL (RFC 5280 section 5) checks: a CRL counts for a certificate only when
// the certificate's issuer issued it (same name, signature verifies with its
// key, key usage allows cRLSign) and it is a complete CRL, not a delta or an
// indirect CRL, which Sijill does not read.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import type { CertificateInfo } from './certificate-info.ts';
import type { RevocationEvidence } from './ocsp.ts';
import { resolveSignatureScheme, verifySignatureValue } from './signature-algorithms.ts';

const deltaCrlIndicator = '2.5.29.27';
const issuingDistributionPoint = '2.5.29.28';
const keyUsageOid = '2.5.29.15';
/** Bit 6 of KeyUsage, cRLSign, counted from the most significant bit of the first byte. */
const crlSignBit = 0x02;

interface ParsedCrl {
  crl: pkijs.CertificateRevocationList;
  /** Serial numbers (hex, no leading zero bytes) to revocation time. */
  revoked: Map<string, Date>;
}

const parsedCache = new Map<string, ParsedCrl>();
const maxCached = 200;

/** Checks `der` as a CRL of `issuer` and reads the status of `subject` from it; returns a reason when it proves nothing. */
export function checkCrl(der: Uint8Array, subject: CertificateInfo, issuer: CertificateInfo): RevocationEvidence | string {
  let parsed: ParsedCrl;
  try {
    parsed = parseCrl(der);
  } catch (err) {
    return `the CRL cannot be parsed: ${(err as Error).message}`;
  }
  const { crl } = parsed;
  if (!crl.issuer.isEqual(issuer.parsed.subject)) return 'the CRL was issued by another CA';
  if (crl.crlExtensions?.extensions.some((extension) => extension.extnID === deltaCrlIndicator)) return 'delta CRLs are not supported';
  const scope = crl.crlExtensions?.extensions.find((extension) => extension.extnID === issuingDistributionPoint);
  const scopeProblem = scope ? checkScope(scope, subject) : undefined;
  if (scopeProblem) return scopeProblem;
  if (!allowsCrlSigning(issuer)) return 'the CRL issuer\'s key usage does not allow cRLSign';
  const scheme = resolveSignatureScheme(crl.signatureAlgorithm, crl.signatureAlgorithm.algorithmId);
  if (!scheme || !verifySignatureValue(scheme, issuer.publicKey, crl.tbsView, crl.signatureValue.valueBlock.valueHexView)) {
    return 'the CRL signature does not verify with the issuer\'s key';
  }
  const evidence: RevocationEvidence = { source: 'crl', status: 'good', thisUpdate: crl.thisUpdate.value, der };
  if (crl.nextUpdate) evidence.nextUpdate = crl.nextUpdate.value;
  const revokedAt = parsed.revoked.get(subject.serialNumber);
  if (revokedAt) {
    evidence.status = 'revoked';
    evidence.revokedAt = revokedAt;
  }
  return evidence;
}

function parseCrl(der: Uint8Array): ParsedCrl {
  const key = createHash('sha256').update(der).digest('hex');
  const cached = parsedCache.get(key);
  if (cached) return cached;
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Error('not DER');
  const crl = new pkijs.CertificateRevocationList({ schema: asn1.result });
  const revoked = new Map<string, Date>();
  for (const entry of crl.revokedCertificates ?? []) {
    revoked.set(Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/, ''), entry.revocationDate.value);
  }
  const parsed = { crl, revoked };
  if (parsedCache.size >= maxCached) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(key, parsed);
  return parsed;
}

/**
 * Reads the IssuingDistributionPoint: a CRL limited to some reasons or
 * indirect is not read, and one limited to user or CA certificates must
 * match the certificate's kind.
 */
function checkScope(extension: pkijs.Extension, subject: CertificateInfo): string | undefined {
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (!(parsed.result instanceof asn1js.Sequence)) return 'the CRL\'s issuing distribution point cannot be parsed';
  const isCa = subject.parsed.extensions?.some((candidate) => candidate.extnID === '2.5.29.19' && (candidate.parsedValue as pkijs.BasicConstraints | undefined)?.cA === true) ?? false;
  for (const field of parsed.result.valueBlock.value) {
    const tag = field.idBlock.tagNumber;
    const flag = field instanceof asn1js.Primitive ? field.valueBlock.valueHexView[0] !== 0 : true;
    if (tag === 3 || (tag === 4 && flag)) return 'CRLs limited to some reasons and indirect CRLs are not supported';
    if (tag === 1 && flag && isCa) return 'the CRL covers end-entity certificates only';
    if (tag === 2 && flag && !isCa) return 'the CRL covers CA certificates only';
  }
  return undefined;
}

function allowsCrlSigning(issuer: CertificateInfo): boolean {
  const extension = issuer.parsed.extensions?.find((candidate) => candidate.extnID === keyUsageOid);
  if (!extension) return true;
  const usage = extension.parsedValue as asn1js.BitString | undefined;
  const first = usage?.valueBlock.valueHexView[0];
  return first !== undefined && (first & crlSignBit) !== 0;
}
