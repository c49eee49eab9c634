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
      const info = pkijs.TSTInfo.fromBER(Buffer.from(cms.encapsulatedContent));
      genTime = info.genTime;
      const imprint = info.messageImprint;
      const algorithm = digestAlgorithms[imprint.hashAlgorithm.algorithmId];
      const matches = algorithm !== undefined
        && hash(algorithm.nodeName, stampedData).equals(Buffer.from(imprint.hashedMessage.valueBlock.valueHexView));
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

export function contentInfoDer(token: pkijs.ContentInfo): Uint8Array {
  return new Uint8Array(token.toSchema().toBER(false));
}
