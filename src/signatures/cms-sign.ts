// CAdES signatures for PAdES: a detached CMS SignedData whose signed
// attributes are content type, message digest and signing-certificate-v2
// (ETSI EN 319 122-1 baseline B). The signing time is not a signed attribute
// because PAdES puts it in the signature dictionary's /M instead.
import { createHash, KeyObject, sign as nodeSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import type { Signer } from '../pki/signer.ts';
import { der } from './der.ts';
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
  const parts = signerParts(signer);
  const messageDigest = der.sequence(der.oid(oid.messageDigest), der.set(der.octetString(documentDigest)));
  const attributes = [parts.contentTypeAttribute, messageDigest, parts.signingCertificateAttribute].sort(Buffer.compare);
  // The signature covers the DER SET OF the sorted attributes. The SignerInfo contains the same bytes under tag [0].
  const signature = await signData(signer, der.set(...attributes));

  const signerInfoParts: Uint8Array[] = [
    der.integer(1),
    parts.issuerAndSerialNumber,
    der.sequence(der.oid(sha256Oid)),
    der.context(0, ...attributes),
    parts.isRsa ? der.sequence(der.oid(sha256WithRsa), der.null()) : der.sequence(der.oid(ecdsaWithSha256)),
    der.octetString(signature),
  ];
  const tsa = options.tsaUrl ?? options.localTsa;
  if (tsa) {
    const token = await requestTimestamp(tsa, signature, options.timestamp);
    const tokenDer = new Uint8Array(token.toSchema().toBER(false));
    signerInfoParts.push(der.context(1, der.sequence(der.oid(oid.signatureTimeStampToken), der.set(tokenDer))));
  }
  const signedData = der.sequence(
    der.integer(1),
    der.set(der.sequence(der.oid(sha256Oid))),
    der.sequence(der.oid(oid.data)),
    der.context(0, ...parts.certificates),
    der.set(der.sequence(...signerInfoParts)),
  );
  return der.sequence(der.oid(oid.signedData), der.context(0, signedData));
}

/** Parts a signer contributes to every signature, encoded once per signer. */
interface SignerParts {
  isRsa: boolean;
  issuerAndSerialNumber: Buffer;
  contentTypeAttribute: Buffer;
  signingCertificateAttribute: Buffer;
  /** DER of the signer's certificate and chain. */
  certificates: Uint8Array[];
}

const signerPartsCache = new WeakMap<Signer, SignerParts>();

function signerParts(signer: Signer): SignerParts {
  const cached = signerPartsCache.get(signer);
  if (cached) return cached;
  const certificate = pkijs.Certificate.fromBER(signer.certificate.rawData);
  const parts: SignerParts = {
    isRsa: signer.certificate.publicKey.algorithm.name.startsWith('RSA'),
    issuerAndSerialNumber: Buffer.from(new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }).toSchema().toBER(false)),
    contentTypeAttribute: der.sequence(der.oid(oid.contentType), der.set(der.oid(oid.data))),
    signingCertificateAttribute: der.sequence(
      der.oid(oid.signingCertificateV2),
      der.set(Buffer.from(signingCertificateV2(certificate, signer.certificate.rawData).toBER(false))),
    ),
    certificates: [signer.certificate, ...signer.chain].map((entry) => new Uint8Array(entry.rawData)),
  };
  signerPartsCache.set(signer, parts);
  return parts;
}

const sha256WithRsa = '1.2.840.113549.1.1.11';
const ecdsaWithSha256 = '1.2.840.10045.4.3.2';
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

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

