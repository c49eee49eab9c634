// CAdES signatures for PAdES: a detached CMS SignedData whose signed
// attributes are content type, message digest and signing-certificate-v2
// (ETSI EN 319 122-1 baseline B). The signing time is not a signed attribute
// because PAdES puts it in the signature dictionary's /M instead.
import { createHash, KeyObject, sign as nodeSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import type { Signer } from '../pki/signer.ts';
import type * as x509 from '../pki/x509.ts';
import { oid, sha256Oid } from './oids.ts';
import { requestTimestamp, type LocalTimestampAuthority, type TimestampRequestOptions } from './timestamp-client.ts';

export interface CadesOptions {
  /** RFC 3161 TSA; when set, the signature value is time-stamped (PAdES B-T). */
  tsaUrl?: string;
  /** A TSA in this process, used when tsaUrl is not set (the demo PKI's). */
  localTsa?: LocalTimestampAuthority;
  timestamp?: TimestampRequestOptions;
}

/** Signs the SHA-256 digest of the signed bytes; returns the DER of the CMS ContentInfo. */
export async function createCadesSignature(documentDigest: Uint8Array, signer: Signer, options: CadesOptions = {}): Promise<Uint8Array> {
  const certificate = parsedCertificate(signer.certificate);
  const chain = signer.chain.map(parsedCertificate);
  const attributes = sortForDer([
    new pkijs.Attribute({ type: oid.contentType, values: [new asn1js.ObjectIdentifier({ value: oid.data })] }),
    new pkijs.Attribute({ type: oid.messageDigest, values: [new asn1js.OctetString({ valueHex: documentDigest })] }),
    new pkijs.Attribute({ type: oid.signingCertificateV2, values: [signingCertificateV2(certificate, signer.certificate.rawData)] }),
  ]);
  // The signature covers the DER SET OF the (sorted) attributes; the SignerInfo holds them with tag [0].
  const signedAttributesDer = new Uint8Array(new asn1js.Set({ value: attributes.map((attribute) => attribute.toSchema()) }).toBER(false));
  const isRsa = signer.certificate.publicKey.algorithm.name === 'RSASSA-PKCS1-v1_5' || signer.certificate.publicKey.algorithm.name === 'RSA-PSS';
  const signature = await signData(signer, signedAttributesDer);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: isRsa
      ? new pkijs.AlgorithmIdentifier({ algorithmId: sha256WithRsa, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });

  const tsa = options.tsaUrl ?? options.localTsa;
  if (tsa) {
    const token = await requestTimestamp(tsa, signature, options.timestamp);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: oid.signatureTimeStampToken, values: [token.toSchema()] })],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: sha256Oid })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
    signerInfos: [signerInfo],
    certificates: [certificate, ...chain],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

const sha256WithRsa = '1.2.840.113549.1.1.11';
const ecdsaWithSha256 = '1.2.840.10045.4.3.2';
const keyObjects = new WeakMap<CryptoKey, KeyObject>();
const parsedCertificates = new WeakMap<x509.X509Certificate, pkijs.Certificate>();

/** Signs with node:crypto (synchronous and faster than WebCrypto here), or with the signer's own function. */
async function signData(signer: Signer, data: Uint8Array): Promise<Uint8Array> {
  if (signer.sign) return signer.sign(data);
  if (!signer.privateKey) throw new Error('the signer has neither a private key nor a sign function');
  let key = keyObjects.get(signer.privateKey);
  if (!key) {
    key = KeyObject.from(signer.privateKey);
    keyObjects.set(signer.privateKey, key);
  }
  return nodeSign('sha256', data, { key, dsaEncoding: 'der' });
}

function parsedCertificate(certificate: x509.X509Certificate): pkijs.Certificate {
  let parsed = parsedCertificates.get(certificate);
  if (!parsed) {
    parsed = pkijs.Certificate.fromBER(certificate.rawData);
    parsedCertificates.set(certificate, parsed);
  }
  return parsed;
}

/** Orders attributes as DER requires for a SET OF: ascending by encoding. PKI.js keeps the given order. */
export function sortForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER(false)) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((entry) => entry.attribute);
}

/**
 * SigningCertificateV2 (RFC 5035) with one ESSCertIDv2: the SHA-256 of the
 * signer's certificate (the default hash, so the algorithm is omitted) and
 * its issuer and serial number.
 */
export function signingCertificateV2(certificate: pkijs.Certificate, der: ArrayBuffer): asn1js.Sequence {
  const certHash = createHash('sha256').update(new Uint8Array(der)).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

