// Verification of RFC 3161 time-stamp tokens: the signature-time-stamp of a
// CAdES signature (over its signature value) and the document timestamp of
// SubFilter ETSI.RFC3161 (over the signed byte ranges). A valid token is a
// proof of existence of the stamped data at its genTime.
import * as pkijs from 'pkijs';
import { buildCertificatePath } from './certificate-path.ts';
import { hash, verifyCms, type CmsVerification } from './cms-verify.ts';
import { digestAlgorithms, oid } from './oids.ts';
import type { Finding, TimestampSummary } from './report.ts';

export interface TimestampVerification {
  summary: TimestampSummary;
  genTime: Date | null;
  cms: CmsVerification;
  /** Findings about the token's own CMS and TSA path. */
  findings: Finding[];
}

/** Verifies a token (DER ContentInfo) whose message imprint must be the digest of `stampedData`. */
export function verifyTimestampToken(tokenDer: Uint8Array, stampedData: Uint8Array, trustAnchors: Uint8Array[], at: Date): TimestampVerification {
  const cms = verifyCms(tokenDer, null);
  const findings = [...cms.findings];
  let genTime: Date | null = null;
  let tsa: string | undefined;
  if (cms.contentType !== oid.tstInfo || !cms.encapsulatedContent) {
    findings.push({ subIndication: 'FORMAT_FAILURE', reason: 'the time-stamp token does not contain a TSTInfo' });
  } else {
    try {
      const info = readImprint(cms.encapsulatedContent);
      genTime = info.genTime;
      const algorithm = digestAlgorithms[info.algorithm];
      const matches = algorithm !== undefined && hash(algorithm.nodeName, stampedData).equals(info.imprint);
      if (!matches) findings.push({ subIndication: 'HASH_FAILURE', reason: 'the time-stamp token\'s message imprint does not match the stamped data' });
    } catch (err) {
      findings.push({ subIndication: 'FORMAT_FAILURE', reason: `the TSTInfo cannot be parsed: ${(err as Error).message}` });
    }
  }
  if (cms.signerCertificate) {
    const path = buildCertificatePath(cms.signerCertificate, cms.certificates, trustAnchors, genTime ?? at);
    tsa = path.certificates[0]?.subject.replace(/\n/g, ', ');
    findings.push(...path.findings);
  }
  const summary: TimestampSummary = { genTime: genTime?.toISOString() ?? '', valid: findings.length === 0 };
  if (tsa) summary.tsa = tsa;
  if (findings[0]) summary.reason = findings[0].reason;
  return { summary, genTime, cms, findings };
}

interface TstInfoSummary {
  genTime: Date;
  /** OID of the imprint's digest algorithm. */
  algorithm: string;
  imprint: Buffer;
}

const tstInfoCache = new Map<string, TstInfoSummary>();

/** Reads genTime and the message imprint of a DER TSTInfo, cached by its SHA-256 (PKI.js parsing is slow). */
function readImprint(tstInfoDer: Uint8Array): TstInfoSummary {
  const key = hash('sha256', tstInfoDer).toString('hex');
  const cached = tstInfoCache.get(key);
  if (cached) return cached;
  const info = pkijs.TSTInfo.fromBER(Buffer.from(tstInfoDer));
  const summary: TstInfoSummary = {
    genTime: info.genTime,
    algorithm: info.messageImprint.hashAlgorithm.algorithmId,
    imprint: Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView),
  };
  if (tstInfoCache.size >= 1000) tstInfoCache.delete(tstInfoCache.keys().next().value as string);
  tstInfoCache.set(key, summary);
  return summary;
}

export function contentInfoDer(token: pkijs.ContentInfo): Uint8Array {
  return new Uint8Array(token.toSchema().toBER(false));
}
