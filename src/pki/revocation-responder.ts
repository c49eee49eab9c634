// Revocation data issued by Sijill's own CAs: CRLs (RFC 5280) and OCSP
// responses (RFC 6960). The test services serve them over HTTP on
// 127.0.0.1, and the demo PKI signs them in process (demo-services.ts).
// A response is signed either by the CA itself or by a delegated responder:
// a certificate the CA issued with extended key usage id-kp-OCSPSigning.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './crypto.ts';
import type { Issuer } from './certificates.ts';
import type * as x509 from './x509.ts';

/** A revoked certificate: its serial number (hex, as @peculiar/x509 prints it) and when it was revoked. */
export interface RevocationEntry {
  serialNumber: string;
  revokedAt: Date;
  /** CRLReason code (RFC 5280 5.3.1), e.g. 1 keyCompromise. */
  reason?: number;
}

/** A CA whose certificates a responder answers for, with the revocations it has recorded. */
export interface RevocationAuthority {
  ca: Issuer;
  revoked: RevocationEntry[];
  /** Delegated responder the CA authorised (id-kp-OCSPSigning); absent: the CA signs its answers. */
  responder?: Issuer;
}

export interface OcspResponderOptions {
  authorities: RevocationAuthority[];
  /**
   * Signs responses for every authority, in place of each authority's own
   * responder. Tests set a certificate here that no CA authorised, to forge answers.
   */
  responder?: Issuer;
  /** Answers "good" for every certificate, revoked or not (a forged responder). */
  alwaysGood?: boolean;
  /** thisUpdate of every answer. @default now */
  now?: Date;
  /** nextUpdate minus thisUpdate. @default 1 hour */
  validityMs?: number;
}

const ocspBasic = '1.3.6.1.5.5.7.48.1.1';
const crlReasonOid = '2.5.29.21';

/** Issues a CRL of `authority` that lists its revocations up to `now`. */
export async function createCrl(authority: RevocationAuthority, options: { now?: Date; validityMs?: number } = {}): Promise<Uint8Array> {
  const now = options.now ?? new Date();
  const issuer = pkijs.Certificate.fromBER(authority.ca.certificate.rawData);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.subject,
    thisUpdate: new pkijs.Time({ type: 1, value: now }),
    nextUpdate: new pkijs.Time({ type: 1, value: new Date(now.getTime() + (options.validityMs ?? 3600_000)) }),
  });
  const revoked = authority.revoked.filter((entry) => entry.revokedAt <= now);
  if (revoked.length > 0) {
    crl.revokedCertificates = revoked.map((entry) => new pkijs.RevokedCertificate({
      userCertificate: new asn1js.Integer({ valueHex: Buffer.from(entry.serialNumber, 'hex') }),
      revocationDate: new pkijs.Time({ type: 1, value: entry.revokedAt }),
      ...(entry.reason === undefined ? {} : { crlEntryExtensions: reasonExtensions(entry.reason) }),
    }));
  }
  await crl.sign(authority.ca.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER(false));
}

/** Answers a DER OCSPRequest with a DER OCSPResponse (status unauthorized for a CA it does not serve). */
export async function createOcspResponse(requestDer: Uint8Array, options: OcspResponderOptions): Promise<Uint8Array> {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(new Uint8Array(requestDer));
  } catch {
    return ocspError(1); // malformedRequest
  }
  const now = options.now ?? new Date();
  const responses: pkijs.SingleResponse[] = [];
  let signer: Issuer | undefined = options.responder;
  for (const entry of request.tbsRequest.requestList) {
    const certId = entry.reqCert;
    const authority = options.authorities.find((candidate) => matchesIssuer(certId, candidate.ca.certificate));
    if (!authority) return ocspError(6); // unauthorized: not a CA this responder serves
    signer ??= authority.responder ?? authority.ca;
    const serial = Buffer.from(certId.serialNumber.valueBlock.valueHexView).toString('hex');
    const revocation = options.alwaysGood ? undefined : authority.revoked.find((revoked) => sameSerial(revoked.serialNumber, serial) && revoked.revokedAt <= now);
    responses.push(new pkijs.SingleResponse({
      certID: certId,
      certStatus: revocation ? revokedStatus(revocation.revokedAt) : goodStatus(),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + (options.validityMs ?? 3600_000)),
    }));
  }
  if (!signer) return ocspError(1);

  const responderCertificate = pkijs.Certificate.fromBER(signer.certificate.rawData);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({ responderID: responderCertificate.subject, producedAt: now, responses }),
    certs: [responderCertificate],
  });
  await basic.sign(signer.privateKey, 'SHA-256');
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({ responseType: ocspBasic, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

/** True when every certificate `requestDer` asks about was issued by one of `authorities`. */
export function servesOcspRequest(requestDer: Uint8Array, authorities: RevocationAuthority[]): boolean {
  try {
    const request = pkijs.OCSPRequest.fromBER(new Uint8Array(requestDer));
    return request.tbsRequest.requestList.every((entry) => authorities.some((authority) => matchesIssuer(entry.reqCert, authority.ca.certificate)));
  } catch {
    return false;
  }
}

function matchesIssuer(certId: pkijs.CertID, ca: x509.X509Certificate): boolean {
  const algorithm = digestName(certId.hashAlgorithm.algorithmId);
  if (!algorithm) return false;
  const parsed = pkijs.Certificate.fromBER(ca.rawData);
  const nameHash = createHash(algorithm).update(new Uint8Array(parsed.subject.toSchema().toBER(false))).digest();
  const keyHash = createHash(algorithm).update(parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  return nameHash.equals(Buffer.from(certId.issuerNameHash.valueBlock.valueHexView))
    && keyHash.equals(Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView));
}

function digestName(oid: string): string | undefined {
  return { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' }[oid];
}

/** Compares serial numbers given as hex, ignoring leading zero bytes. */
function sameSerial(a: string, b: string): boolean {
  return a.toLowerCase().replace(/^(00)+/, '') === b.toLowerCase().replace(/^(00)+/, '');
}

function goodStatus(): asn1js.Primitive {
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
}

function revokedStatus(revokedAt: Date): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: revokedAt })] });
}

function reasonExtensions(reason: number): pkijs.Extensions {
  return new pkijs.Extensions({
    extensions: [new pkijs.Extension({ extnID: crlReasonOid, critical: false, extnValue: new asn1js.Enumerated({ value: reason }).toBER(false) })],
  });
}

function ocspError(status: number): Uint8Array {
  return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));
}
