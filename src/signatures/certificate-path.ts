// Certificate path building and checks, from the signer certificate up to a
// configured trust anchor. Candidate issuers come from the CMS. An issuer is
// accepted when its subject is the certificate's issuer and its key verifies
// the certificate's signature (node:crypto's X509Certificate).
// PKI.js's CertificateChainValidationEngine is not used: it validates the
// last certificate of the list it is given, which is easy to get wrong.
import { createHash, X509Certificate as NodeCertificate } from 'node:crypto';
import * as x509 from '../pki/x509.ts';
import type { CertificateSummary, Finding } from './report.ts';

export interface CertificatePath {
  /** Signer first, trust anchor last; stops early when no issuer was found. */
  certificates: NodeCertificate[];
  trusted: boolean;
  keyUsageValid: boolean | null;
  findings: Finding[];
}

/** Longest path accepted, signer and anchor included. */
export const maxPathLength = 10;

/** The part of a path that does not depend on the validation time. */
interface PathShape {
  certificates: NodeCertificate[];
  trusted: boolean;
  keyUsageValid: boolean | null;
  /** Findings about the path's structure (missing anchor, issuers that are not CAs). */
  findings: Finding[];
}

const shapeCache = new Map<string, PathShape>();
const maxCachedShapes = 1000;

/**
 * Builds and checks the path of `signer` at time `at`. The path itself
 * depends only on the certificates given, so it is cached by their SHA-256
 * values; the validity periods are checked against `at` on every call.
 */
export function buildCertificatePath(signer: Uint8Array, candidates: Uint8Array[], trustAnchors: Uint8Array[], at: Date): CertificatePath {
  const key = `${[signer, ...candidates].map(digestHex).join(':')}|${trustAnchors.map(digestHex).join(':')}`;
  let shape = shapeCache.get(key);
  if (!shape) {
    shape = buildPathShape(signer, candidates, trustAnchors);
    if (shapeCache.size >= maxCachedShapes) shapeCache.delete(shapeCache.keys().next().value as string);
    shapeCache.set(key, shape);
  }
  const findings = [...shape.findings, ...checkValidityPeriods(shape.certificates, shape.trusted, at)];
  if (shape.keyUsageValid === false) {
    findings.push({ subIndication: 'CHAIN_CONSTRAINTS_FAILURE', reason: 'the signer certificate\'s key usage allows neither digitalSignature nor nonRepudiation' });
  }
  return { certificates: shape.certificates, trusted: shape.trusted, keyUsageValid: shape.keyUsageValid, findings };
}

function buildPathShape(signer: Uint8Array, candidates: Uint8Array[], trustAnchors: Uint8Array[]): PathShape {
  const anchors = parseAll(trustAnchors);
  const pool = parseAll(candidates);
  const path = [new NodeCertificate(signer)];
  const findings: Finding[] = [];
  let trusted = false;

  for (let current = path[0] as NodeCertificate; path.length <= maxPathLength;) {
    if (anchors.some((anchor) => anchor.raw.equals(current.raw))) {
      trusted = true;
      break;
    }
    const issuer = findIssuer(current, anchors) ?? findIssuer(current, pool.filter((cert) => !path.some((seen) => seen.raw.equals(cert.raw))));
    if (!issuer) break;
    path.push(issuer);
    if (anchors.includes(issuer)) {
      trusted = true;
      break;
    }
    current = issuer;
  }

  if (!trusted) {
    findings.push({ subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', reason: `no path from "${subjectOf(path[0])}" to a trust anchor; last certificate found: "${subjectOf(path.at(-1))}"` });
  }
  findings.push(...checkIssuers(path, trusted));
  return { certificates: path, trusted, keyUsageValid: checkSignerKeyUsage(signer), findings };
}

function digestHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function findIssuer(certificate: NodeCertificate, candidates: NodeCertificate[]): NodeCertificate | undefined {
  return candidates.find((candidate) => {
    try {
      // Names and signature only: checkIssued() would also reject an issuer without keyCertSign,
      // which must be reported as a chain failure instead of hiding the issuer.
      return certificate.issuer === candidate.subject && certificate.verify(candidate.publicKey);
    } catch {
      return false;
    }
  });
}

/** Every issuing certificate must be a CA allowed to sign certificates; the anchor is exempt. */
function checkIssuers(path: NodeCertificate[], trusted: boolean): Finding[] {
  const findings: Finding[] = [];
  const lastIssuer = trusted ? path.length - 1 : path.length;
  for (let i = 1; i < lastIssuer; i++) {
    const cert = path[i] as NodeCertificate;
    const parsed = new x509.X509Certificate(cert.raw);
    const constraints = parsed.getExtension(x509.BasicConstraintsExtension);
    if (!constraints?.ca) {
      findings.push({ subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE', reason: `"${subjectOf(cert)}" issued a certificate in the path but is not a CA` });
      continue;
    }
    const usage = parsed.getExtension(x509.KeyUsagesExtension);
    if (usage && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
      findings.push({ subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE', reason: `"${subjectOf(cert)}" is not allowed to sign certificates (keyCertSign)` });
    }
    if (constraints.pathLength !== undefined && i - 1 > constraints.pathLength) {
      findings.push({ subIndication: 'CHAIN_CONSTRAINTS_FAILURE', reason: `path length constraint of "${subjectOf(cert)}" exceeded` });
    }
  }
  return findings;
}

function checkValidityPeriods(path: NodeCertificate[], trusted: boolean, at: Date): Finding[] {
  const findings: Finding[] = [];
  const checked = trusted ? path.slice(0, -1) : path;
  for (const cert of checked) {
    if (at < new Date(cert.validFrom)) {
      findings.push({ subIndication: 'NOT_YET_VALID', reason: `"${subjectOf(cert)}" is not valid before ${new Date(cert.validFrom).toISOString()} (validation time ${at.toISOString()})` });
    } else if (at > new Date(cert.validTo)) {
      findings.push({ subIndication: 'OUT_OF_BOUNDS_NO_POE', reason: `"${subjectOf(cert)}" expired on ${new Date(cert.validTo).toISOString()} (validation time ${at.toISOString()}) and no proof of existence precedes it` });
    }
  }
  return findings;
}

/** True when key usage is absent or includes digitalSignature or nonRepudiation. */
function checkSignerKeyUsage(signer: Uint8Array): boolean | null {
  try {
    const usage = new x509.X509Certificate(Buffer.from(signer)).getExtension(x509.KeyUsagesExtension);
    if (!usage) return true;
    return (usage.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0;
  } catch {
    return null;
  }
}

const summaries = new Map<string, CertificateSummary>();

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const key = digestHex(der);
  const cached = summaries.get(key);
  if (cached) return { ...cached };
  const cert = new x509.X509Certificate(Buffer.from(der));
  const summary: CertificateSummary = {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
  const commonName = cert.subjectName.getField('CN')[0];
  if (commonName !== undefined) summary.commonName = commonName;
  if (summaries.size >= maxCachedShapes) summaries.delete(summaries.keys().next().value as string);
  summaries.set(key, summary);
  return { ...summary };
}

/** One-line subject (node:crypto separates the attributes with newlines). */
export function subjectOf(certificate: NodeCertificate | undefined): string {
  return certificate?.subject.replace(/\n/g, ', ') ?? '(none)';
}

function parseAll(ders: Uint8Array[]): NodeCertificate[] {
  const parsed: NodeCertificate[] = [];
  for (const der of ders) {
    try {
      parsed.push(new NodeCertificate(der));
    } catch {
      // A certificate node:crypto cannot parse cannot be part of a path.
    }
  }
  return parsed;
}
