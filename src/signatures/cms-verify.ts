// Verification of one CMS SignedData (RFC 5652) as PAdES uses it: find the
// signer's certificate, check the message digest against the signed content,
// verify the signature value (over the DER of the signed attributes, or over
// the content itself when there are none) and check algorithm strength.
// Chain and revocation are judged elsewhere.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';
import { digestAlgorithms, oid } from './oids.ts';
import type { Finding } from './report.ts';
import { resolveSignatureScheme, verifySignatureValue } from './signature-algorithms.ts';

export interface CmsVerification {
  findings: Finding[];
  hasSignedAttributes: boolean | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  digestMatches: boolean | null;
  signatureValid: boolean | null;
  /** DER of the signer's certificate, when the CMS carries it. */
  signerCertificate: Uint8Array | null;
  /** DER of every certificate the CMS carries. */
  certificates: Uint8Array[];
  contentType: string | null;
  /** The encapsulated content (TSTInfo of a timestamp token), when present. */
  encapsulatedContent: Uint8Array | null;
  signingTime: Date | null;
  signatureValue: Uint8Array | null;
  /** Signature time-stamp tokens from the unsigned attributes, as DER ContentInfo. */
  timestampTokens: Uint8Array[];
  /** OCSP responses and CRLs (DER) from SignedData.crls and the adbe-revocationInfoArchival attribute. */
  revocationValues: { ocsps: Uint8Array[]; crls: Uint8Array[] };
}

/** Minimum RSA modulus accepted, in bits. */
export const minRsaBits = 2048;

const verifiedCache = new Map<string, CmsVerification>();
const maxCached = 1000;

/**
 * Parses and verifies a DER ContentInfo/SignedData over `detachedContent` (or
 * its own encapsulated content). The result depends only on these bytes, so
 * it is cached by their SHA-256: parsing with PKI.js costs far more than
 * hashing, and the same signature is validated again and again (uploads
 * reused from the vault, the public verification page).
 */
export function verifyCms(der: Uint8Array, detachedContent: Uint8Array | null): CmsVerification {
  const key = `${digestHex(der)}:${detachedContent ? digestHex(detachedContent) : '-'}`;
  let result = verifiedCache.get(key);
  if (!result) {
    result = parseAndVerifyCms(der, detachedContent);
    if (verifiedCache.size >= maxCached) verifiedCache.delete(verifiedCache.keys().next().value as string);
    verifiedCache.set(key, result);
  }
  // Callers get their own findings array; everything else is read only.
  return { ...result, findings: [...result.findings] };
}

function digestHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseAndVerifyCms(der: Uint8Array, detachedContent: Uint8Array | null): CmsVerification {
  const result: CmsVerification = {
    findings: [], hasSignedAttributes: null, digestAlgorithm: null, signatureAlgorithm: null, digestMatches: null,
    signatureValid: null, signerCertificate: null, certificates: [], contentType: null, encapsulatedContent: null,
    signingTime: null, signatureValue: null, timestampTokens: [], revocationValues: { ocsps: [], crls: [] },
  };
  const fail = (reason: string): CmsVerification => {
    result.findings.push({ subIndication: 'FORMAT_FAILURE', reason });
    return result;
  };

  let signedData: pkijs.SignedData;
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return fail(`CMS is not valid DER: ${asn1.result.error}`);
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== oid.signedData) return fail(`CMS content type is ${contentInfo.contentType}, not signed-data`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (err) {
    return fail(`CMS cannot be parsed: ${(err as Error).message}`);
  }
  if (signedData.signerInfos.length !== 1) return fail(`CMS has ${signedData.signerInfos.length} signer infos; PAdES requires exactly one`);
  const signerInfo = signedData.signerInfos[0] as pkijs.SignerInfo;

  const certificates = (signedData.certificates ?? []).filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
  result.certificates = certificates.map((cert) => new Uint8Array(cert.toSchema().toBER(false)));
  result.contentType = signedData.encapContentInfo.eContentType;
  const eContent = signedData.encapContentInfo.eContent;
  if (eContent) result.encapsulatedContent = new Uint8Array(eContent.getValue());
  const content = detachedContent ?? result.encapsulatedContent;
  if (!content) return fail('CMS has neither detached nor encapsulated content');

  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const digest = digestAlgorithms[digestOid];
  result.digestAlgorithm = digest?.name ?? digestOid;
  const scheme = resolveSignatureScheme(signerInfo.signatureAlgorithm, digestOid);
  result.signatureAlgorithm = scheme?.name ?? signerInfo.signatureAlgorithm.algorithmId;
  result.signatureValue = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  result.timestampTokens = readTimestampTokens(signerInfo);
  result.revocationValues = readRevocationValues(signedData, signerInfo);

  const signer = certificates.find((cert) => identifiesSigner(signerInfo.sid, cert));
  if (!signer) {
    result.findings.push({ subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', reason: 'the CMS does not contain the certificate its signer identifier names' });
    return result;
  }
  const signerDer = new Uint8Array(signer.toSchema().toBER(false));
  result.signerCertificate = signerDer;

  if (!digest || !scheme) {
    result.findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: `unsupported algorithm: digest ${digestOid}, signature ${signerInfo.signatureAlgorithm.algorithmId}` });
    return result;
  }
  const contentDigest = hash(digest.nodeName, content);
  const signedAttrs = signerInfo.signedAttrs;
  result.hasSignedAttributes = Boolean(signedAttrs);

  let signedBytes: Uint8Array;
  if (signedAttrs) {
    const messageDigest = attributeValue(signedAttrs, oid.messageDigest);
    if (!(messageDigest instanceof asn1js.OctetString)) return fail('signed attributes lack the message-digest attribute');
    const contentType = attributeValue(signedAttrs, oid.contentType);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== result.contentType) {
      return fail('the content-type attribute is missing or differs from the encapsulated content type');
    }
    result.digestMatches = Buffer.from(messageDigest.valueBlock.valueHexView).equals(contentDigest);
    const signingTime = attributeValue(signedAttrs, oid.signingTime);
    if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime) result.signingTime = signingTime.toDate();
    // The signature covers the attributes encoded as a SET OF, not with their [0] IMPLICIT tag.
    signedBytes = new Uint8Array(signedAttrs.encodedValue);
    signedBytes[0] = 0x31;
    if (!isDerSortedSet(signedBytes)) {
      // RFC 5652 signs the DER encoding; re-sorting would change the signed bytes, so the signature cannot be over it.
      result.findings.push({ subIndication: 'HASH_FAILURE', reason: 'the signed attributes are not DER-encoded (their SET OF is not sorted), so the signature does not cover their DER encoding' });
    }
  } else {
    signedBytes = content;
  }

  const publicKey = publicKeyOf(signer);
  result.signatureValid = publicKey ? verifySignatureValue(scheme, publicKey, signedBytes, result.signatureValue) : false;
  if (result.digestMatches === false) {
    result.findings.push({ subIndication: 'HASH_FAILURE', reason: 'the document digest does not match the signed message digest' });
  } else if (!result.signatureValid) {
    // Without signed attributes a changed document also shows up here, because the signature is over the content.
    const subIndication = signedAttrs ? 'SIG_CRYPTO_FAILURE' : 'HASH_FAILURE';
    result.findings.push({ subIndication, reason: 'the signature value does not verify with the signer certificate\'s public key' });
  } else if (!signedAttrs) {
    result.digestMatches = true;
  }

  result.findings.push(...checkAlgorithmStrength(digest.nodeName, scheme.name, publicKey));
  checkSigningCertificateAttribute(signedAttrs, signerDer, result);
  return result;
}

function checkAlgorithmStrength(digestName: string, schemeName: string, publicKey: KeyObject | undefined): Finding[] {
  const findings: Finding[] = [];
  if (digestName === 'sha1') findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: 'SHA-1 digests are no longer accepted for signatures' });
  if (schemeName.includes('sha1')) findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: `signature algorithm ${schemeName} uses SHA-1` });
  if (schemeName === 'Ed25519' && digestName !== 'sha512') {
    findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: `Ed25519 requires SHA-512 as digest algorithm (RFC 8419), not ${digestName}` });
  }
  if (schemeName === 'Ed448' && digestName !== 'shake256') {
    findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: `Ed448 requires SHAKE256 as digest algorithm (RFC 8419), not ${digestName}` });
  }
  const bits = publicKey?.asymmetricKeyDetails?.modulusLength;
  if (publicKey?.asymmetricKeyType === 'rsa' && bits !== undefined && bits < minRsaBits) {
    findings.push({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', reason: `RSA key of ${bits} bits is shorter than the ${minRsaBits} bits required` });
  }
  return findings;
}

/** Checks signing-certificate(-v2): when present, its first hash must be the signer certificate's. */
function checkSigningCertificateAttribute(signedAttrs: pkijs.SignedAndUnsignedAttributes | undefined, signerDer: Uint8Array, result: CmsVerification): void {
  if (!signedAttrs) return;
  const v2 = attributeValue(signedAttrs, oid.signingCertificateV2);
  const v1 = attributeValue(signedAttrs, oid.signingCertificate);
  const value = v2 ?? v1;
  if (!value) return;
  try {
    const essCertId = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const firstId = essCertId.valueBlock.value[0] as asn1js.Sequence;
    let hashName = 'sha1';
    let hashIndex = 0;
    if (v2) {
      hashName = 'sha256';
      const first = firstId.valueBlock.value[0];
      if (first instanceof asn1js.Sequence) {
        const algorithm = new pkijs.AlgorithmIdentifier({ schema: first });
        hashName = digestAlgorithms[algorithm.algorithmId]?.nodeName ?? 'unknown';
        hashIndex = 1;
      }
    }
    const certHash = firstId.valueBlock.value[hashIndex] as asn1js.OctetString;
    if (hashName === 'unknown' || !Buffer.from(certHash.valueBlock.valueHexView).equals(hash(hashName, signerDer))) {
      result.findings.push({ subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', reason: 'the signing-certificate attribute does not match the signer certificate' });
    }
  } catch {
    result.findings.push({ subIndication: 'FORMAT_FAILURE', reason: 'the signing-certificate attribute cannot be parsed' });
  }
}

/** True when the elements of a DER SET OF are in ascending order of their encodings (X.690 11.6). */
function isDerSortedSet(setDer: Uint8Array): boolean {
  const parsed = asn1js.fromBER(setDer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set)) return false;
  const encodings = parsed.result.valueBlock.value.map((element) => Buffer.from(element.valueBeforeDecodeView));
  for (let i = 1; i < encodings.length; i++) {
    if (Buffer.compare(encodings[i - 1] as Buffer, encodings[i] as Buffer) > 0) return false;
  }
  return true;
}

function identifiesSigner(sid: pkijs.SignerInfo['sid'], certificate: pkijs.Certificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return sid.issuer.isEqual(certificate.issuer) && sid.serialNumber.isEqual(certificate.serialNumber);
  }
  if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
    const keyId = Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView);
    const ski = certificate.extensions?.find((extension) => extension.extnID === '2.5.29.14');
    const parsed = ski?.parsedValue as asn1js.OctetString | undefined;
    if (parsed && Buffer.from(parsed.valueBlock.valueHexView).equals(keyId)) return true;
    const publicKeyBits = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    return hash('sha1', publicKeyBits).equals(keyId);
  }
  return false;
}

function readTimestampTokens(signerInfo: pkijs.SignerInfo): Uint8Array[] {
  const tokens: Uint8Array[] = [];
  for (const attribute of signerInfo.unsignedAttrs?.attributes ?? []) {
    if (attribute.type !== oid.signatureTimeStampToken) continue;
    for (const value of attribute.values as asn1js.BaseBlock[]) tokens.push(new Uint8Array(value.valueBeforeDecodeView));
  }
  return tokens;
}

const idRiOcspResponse = '1.3.6.1.5.5.7.16.2';
const adbeRevocationInfoArchival = '1.2.840.113583.1.1.8';

/**
 * Collects embedded revocation data: CRLs and id-ri-ocsp-response entries of
 * SignedData.crls (RFC 5940), and the signed adbe-revocationInfoArchival
 * attribute (ISO 32000-1 12.8.3.3.2: [0] CRLs, [1] OCSP responses).
 */
function readRevocationValues(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): CmsVerification['revocationValues'] {
  const values: CmsVerification['revocationValues'] = { ocsps: [], crls: [] };
  for (const entry of signedData.crls ?? []) {
    try {
      if (entry instanceof pkijs.CertificateRevocationList) values.crls.push(new Uint8Array(entry.toSchema(true).toBER(false)));
      else if (entry.otherRevInfoFormat === idRiOcspResponse) values.ocsps.push(new Uint8Array((entry.otherRevInfo as asn1js.BaseBlock).toBER(false)));
    } catch {
      // Unreadable revocation data proves nothing; the certificate is checked without it.
    }
  }
  const archival = signerInfo.signedAttrs ? attributeValue(signerInfo.signedAttrs, adbeRevocationInfoArchival) : undefined;
  if (archival instanceof asn1js.Sequence) {
    for (const tagged of archival.valueBlock.value) {
      const list = (tagged as asn1js.Constructed).valueBlock?.value?.[0];
      if (!(list instanceof asn1js.Sequence)) continue;
      let target: Uint8Array[] | undefined;
      if (tagged.idBlock.tagNumber === 0) target = values.crls;
      if (tagged.idBlock.tagNumber === 1) target = values.ocsps;
      for (const item of list.valueBlock.value) target?.push(new Uint8Array(item.valueBeforeDecodeView));
    }
  }
  return values;
}

function attributeValue(attributes: pkijs.SignedAndUnsignedAttributes, type: string): unknown {
  return attributes.attributes.find((attribute) => attribute.type === type)?.values[0];
}

export function publicKeyOf(certificate: pkijs.Certificate): KeyObject | undefined {
  try {
    const spki = Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

export function hash(name: string, data: ArrayBuffer | Uint8Array): Buffer {
  const options = name === 'shake256' ? { outputLength: 64 } : undefined;
  return createHash(name, options).update(data instanceof Uint8Array ? data : new Uint8Array(data)).digest();
}
