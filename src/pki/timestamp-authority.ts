// RFC 3161 time-stamp responses, signed by a TSA key held in this process:
// the test TSA serves them over HTTP (test-services.ts) and the demo PKI
// signs them in process (demo-services.ts). Signed attributes are DER-sorted
// and carry signing-certificate-v2, as ETSI EN 319 422 requires.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './crypto.ts';
import { signingCertificateV2, sortForDer } from '../signatures/cms-sign.ts';
import { oid, sha256Oid } from '../signatures/oids.ts';

/** TSA behaviour: a correct token, a rejection (status 2), or a token over other data. */
export type TsaMode = 'granted' | 'rejection' | 'wrong-imprint';

export interface TimestampAuthorityKey {
  privateKey: CryptoKey;
  /** The TSA certificate first, then its CA certificates. */
  chain: pkijs.Certificate[];
  /** @default now */
  genTime?: Date;
  /** @default 'granted' */
  mode?: TsaMode;
}

/** Creates the DER TimeStampResp for a DER TimeStampReq. */
export async function createTimestampResponse(body: Uint8Array, authority: TimestampAuthorityKey): Promise<Buffer> {
  const { privateKey: key, chain } = authority;
  const mode = authority.mode ?? 'granted';
  const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
  if (mode === 'rejection') {
    const rejected = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 2 }) });
    return Buffer.from(rejected.toSchema().toBER(false));
  }
  const imprint = mode === 'wrong-imprint'
    ? new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update('other data').digest() }),
    })
    : request.messageImprint;
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: imprint,
    serialNumber: new asn1js.Integer({ valueHex: randomBytes(8) }),
    genTime: authority.genTime ?? new Date(),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const infoDer = info.toSchema().toBER(false);
  const signer = chain[0] as pkijs.Certificate;
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.tstInfo, eContent: new asn1js.OctetString({ valueHex: infoDer }) }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: sortForDer([
          new pkijs.Attribute({ type: oid.contentType, values: [new asn1js.ObjectIdentifier({ value: oid.tstInfo })] }),
          new pkijs.Attribute({ type: oid.messageDigest, values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(new Uint8Array(infoDer)).digest() })] }),
          new pkijs.Attribute({ type: oid.signingCertificateV2, values: [signingCertificateV2(signer, signer.toSchema().toBER(false))] }),
        ]),
      }),
    })],
    certificates: chain,
  });
  // PKI.js's EncapsulatedContentInfo constructor turns eContent into a constructed (BER) OCTET STRING, which
  // DER-strict verifiers such as pyHanko reject; a primitive one is set after construction.
  signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: infoDer });
  await signedData.sign(key, 0, 'SHA-256');
  const token = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
  const reply = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }), timeStampToken: token });
  return Buffer.from(reply.toSchema().toBER(false));
}
