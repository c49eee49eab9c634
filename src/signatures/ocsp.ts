// OCSP (RFC 6960) requests and the checks on a response before it is
// believed. PKI.js parses responses but never checks their signature, so a
// forged "good" answer would pass; here a response counts only when
//   - its signature verifies with the responder certificate's key,
//   - the responder is the issuing CA itself, or a certificate that CA issued
//     with extended key usage id-kp-OCSPSigning (RFC 6960 4.2.2.2),
//   - the responder certificate was valid when the response was produced,
//   - one of its single responses names this certificate and this issuer.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import { certificateInfo, isIssuedBy, type CertificateInfo } from './certificate-info.ts';
import { digestAlgorithms } from './oids.ts';
import { resolveSignatureScheme, verifySignatureValue } from './signature-algorithms.ts';

/** Revocation status of one certificate, from an OCSP response or a CRL that passed its checks. */
export interface RevocationEvidence {
  source: 'ocsp' | 'crl';
  status: 'good' | 'revoked';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** DER of the OCSP response or CRL, for embedding in a DSS. */
  der: Uint8Array;
  /**
   * The delegated responder that signed an OCSP response, when its
   * certificate lacks id-pkix-ocsp-nocheck: its own status must then be
   * checked (RFC 6960 4.2.2.2.1), as of `producedAt`.
   */
  responder?: CertificateInfo;
  producedAt?: Date;
}

const ocspBasic = '1.3.6.1.5.5.7.48.1.1';
const ocspSigning = '1.3.6.1.5.5.7.3.9';
const sha1Oid = '1.3.14.3.2.26';

/** Builds an OCSPRequest for `subject` with a SHA-1 CertID, the hash every responder supports. */
export function buildOcspRequest(subject: CertificateInfo, issuer: CertificateInfo): Uint8Array {
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha1Oid, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: createHash('sha1').update(issuer.subjectDer).digest() }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: createHash('sha1').update(issuer.publicKeyBits).digest() }),
    serialNumber: new asn1js.Integer({ valueHex: subject.parsed.serialNumber.valueBlock.valueHexView }),
  });
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId })];
  return new Uint8Array(request.toSchema(true).toBER(false));
}

const checkedCache = new Map<string, RevocationEvidence | string>();
const maxChecked = 5000;

/**
 * Checks an OCSPResponse (or a bare BasicOCSPResponse) for `subject` issued
 * by `issuer`. Returns the evidence, or a reason why the response proves
 * nothing about this certificate. The outcome depends only on the three
 * inputs, so it is cached: a B-LT file carries the same responses on every
 * validation, and parsing them costs more than the rest of it.
 */
export function checkOcspResponse(der: Uint8Array, subject: CertificateInfo, issuer: CertificateInfo): RevocationEvidence | string {
  const key = `${createHash('sha256').update(der).digest('hex')}:${subject.id}:${issuer.id}`;
  const cached = checkedCache.get(key);
  if (cached !== undefined) return cached;
  const checked = checkUncached(der, subject, issuer);
  if (checkedCache.size >= maxChecked) checkedCache.delete(checkedCache.keys().next().value as string);
  checkedCache.set(key, checked);
  return checked;
}

function checkUncached(der: Uint8Array, subject: CertificateInfo, issuer: CertificateInfo): RevocationEvidence | string {
  let basic: pkijs.BasicOCSPResponse;
  try {
    basic = parseBasicResponse(der);
  } catch (err) {
    return `the OCSP response cannot be parsed: ${(err as Error).message}`;
  }
  const data = basic.tbsResponseData;
  const single = data.responses.find((response) => namesCertificate(response.certID, subject, issuer));
  if (!single) return 'the OCSP response does not name this certificate';

  const responder = findResponder(basic, issuer);
  if (!responder) return 'the OCSP response is not signed by the issuing CA or a responder it authorised (id-kp-OCSPSigning)';
  const producedAt = data.producedAt;
  if (responder !== issuer && (producedAt < responder.node.validFromDate || producedAt > responder.node.validToDate)) {
    return `the OCSP responder certificate was not valid when the response was produced (${producedAt.toISOString()})`;
  }
  const scheme = resolveSignatureScheme(basic.signatureAlgorithm, basic.signatureAlgorithm.algorithmId);
  const signatureValid = scheme !== undefined
    && verifySignatureValue(scheme, responder.publicKey, data.tbsView, basic.signature.valueBlock.valueHexView);
  if (!signatureValid) return 'the OCSP response signature does not verify';

  const status = single.certStatus as asn1js.BaseBlock;
  const evidence: RevocationEvidence = { source: 'ocsp', status: 'good', thisUpdate: single.thisUpdate, der };
  if (single.nextUpdate) evidence.nextUpdate = single.nextUpdate;
  if (responder !== issuer && !responder.ocspNoCheck) {
    evidence.responder = responder;
    evidence.producedAt = producedAt;
  }
  if (status.idBlock.tagNumber === 1) {
    evidence.status = 'revoked';
    const time = (status as asn1js.Constructed).valueBlock.value[0];
    if (time instanceof asn1js.GeneralizedTime) evidence.revokedAt = time.toDate();
    else return 'the OCSP response says revoked without a revocation time';
  } else if (status.idBlock.tagNumber !== 0) {
    return 'the OCSP responder does not know this certificate';
  }
  return evidence;
}

function parseBasicResponse(der: Uint8Array): pkijs.BasicOCSPResponse {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Error('not DER');
  try {
    const response = new pkijs.OCSPResponse({ schema: asn1.result });
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) throw new Error(`responder status ${status}`);
    if (!response.responseBytes || response.responseBytes.responseType !== ocspBasic) throw new Error('not a basic OCSP response');
    return pkijs.BasicOCSPResponse.fromBER(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView));
  } catch (err) {
    // The CMS otherRevInfo and some DSS writers store the BasicOCSPResponse alone.
    try {
      return new pkijs.BasicOCSPResponse({ schema: asn1.result });
    } catch {
      throw err;
    }
  }
}

function namesCertificate(certId: pkijs.CertID, subject: CertificateInfo, issuer: CertificateInfo): boolean {
  const algorithm = digestAlgorithms[certId.hashAlgorithm.algorithmId]?.nodeName;
  if (!algorithm || algorithm === 'shake256') return false;
  const serial = Buffer.from(certId.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/, '');
  return serial === subject.serialNumber
    && createHash(algorithm).update(issuer.subjectDer).digest().equals(Buffer.from(certId.issuerNameHash.valueBlock.valueHexView))
    && createHash(algorithm).update(issuer.publicKeyBits).digest().equals(Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView));
}

/** Finds the certificate that signed the response, when it is the CA or a delegated responder of the CA. */
function findResponder(basic: pkijs.BasicOCSPResponse, issuer: CertificateInfo): CertificateInfo | undefined {
  const candidates: CertificateInfo[] = [issuer];
  for (const certificate of basic.certs ?? []) {
    try {
      candidates.push(certificateInfo(new Uint8Array(certificate.toSchema().toBER(false))));
    } catch {
      // An unparsable certificate cannot be the responder.
    }
  }
  const responderId = basic.tbsResponseData.responderID as unknown;
  const named = candidates.filter((candidate) => {
    if (responderId instanceof pkijs.RelativeDistinguishedNames) return responderId.isEqual(candidate.parsed.subject);
    if (responderId instanceof asn1js.OctetString) {
      return createHash('sha1').update(candidate.publicKeyBits).digest().equals(Buffer.from(responderId.valueBlock.valueHexView));
    }
    return false;
  });
  for (const candidate of named) {
    if (candidate === issuer || candidate.id === issuer.id) return issuer;
    if (candidate.extendedKeyUsages.includes(ocspSigning) && isIssuedBy(candidate, issuer)) return candidate;
  }
  return undefined;
}
