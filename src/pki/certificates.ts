// Certificate issuance for Sijill's own PKIs (the demo PKI and the test PKI
// services). Names are encoded as UTF8String so Arabic organization and unit
// names survive unchanged; the country stays PrintableString as RFC 5280 requires.
import { randomBytes } from 'node:crypto';
import * as x509 from './x509.ts';
import { generateKeyPair, rsaSigning, ecdsaSigning, keyAlgorithmOf, type KeyAlgorithmName } from './crypto.ts';

/** The distinguished name of a subject, attribute by attribute. */
export interface SubjectName {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  /** ISO 3166 two-letter code. */
  country?: string;
}

/**
 * What a certificate is for: a self-signed root, an issuing CA, a seal or
 * signing certificate (digitalSignature + nonRepudiation), an OCSP responder,
 * a time-stamping unit, or an end-entity certificate whose key usage does not
 * allow signing documents (keyEncipherment only), used to test rejection.
 */
/** 'ocsp' is a delegated OCSP responder with id-pkix-ocsp-nocheck; 'ocsp-checked' one without, whose own status clients check. */
export type CertificateProfile = 'root' | 'ca' | 'seal' | 'signing' | 'ocsp' | 'ocsp-checked' | 'tsa' | 'encryption-only';

export interface Issuer {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

export interface IssueOptions {
  subject: SubjectName;
  profile: CertificateProfile;
  keyAlgorithm: KeyAlgorithmName;
  /** Absent for a self-signed root. */
  issuer?: Issuer;
  notBefore: Date;
  notAfter: Date;
  /** Revocation URLs for relying parties, written as CRL distribution point and AIA OCSP. */
  crlUrl?: string;
  ocspUrl?: string;
  /** Certificate policy OIDs, written as a certificatePolicies extension. */
  policies?: string[];
}

export interface IssuedCertificate {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const oids = {
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
};

export function toJsonName(name: SubjectName): x509.JsonNameParams {
  const attributes: x509.JsonNameParams = [];
  if (name.country) attributes.push({ C: [{ printableString: name.country }] });
  if (name.organization) attributes.push({ O: [{ utf8String: name.organization }] });
  if (name.organizationalUnit) attributes.push({ OU: [{ utf8String: name.organizationalUnit }] });
  attributes.push({ CN: [{ utf8String: name.commonName }] });
  return attributes;
}

/** Issues a certificate with a fresh key pair, signed by `issuer` (or by itself for a root). */
export async function issueCertificate(options: IssueOptions): Promise<IssuedCertificate> {
  const keys = await generateKeyPair(options.keyAlgorithm);
  const certificate = await issueCertificateForKey({ ...options, publicKey: keys.publicKey, selfSigningKey: keys.privateKey });
  return { certificate, keys };
}

/**
 * Issues a certificate for a public key whose private key lives elsewhere (an
 * HSM). A root needs `selfSigningKey`, since it signs itself.
 */
export async function issueCertificateForKey(options: IssueOptions & { publicKey: CryptoKey; selfSigningKey?: CryptoKey }): Promise<x509.X509Certificate> {
  const signingKey = options.issuer?.privateKey ?? options.selfSigningKey;
  if (!signingKey) throw new Error('a self-signed certificate needs selfSigningKey');
  const signerAlgorithm = options.issuer ? keyAlgorithmOf(options.issuer.certificate) : options.keyAlgorithm;
  const subject = new x509.Name(toJsonName(options.subject));

  const extensions: x509.Extension[] = [
    await x509.SubjectKeyIdentifierExtension.create(options.publicKey),
    ...profileExtensions(options.profile),
  ];
  if (options.issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.certificate));
  }
  if (options.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([options.crlUrl]));
  if (options.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [options.ocspUrl] }));
  if (options.policies?.length) extensions.push(new x509.CertificatePolicyExtension(options.policies));

  return x509.X509CertificateGenerator.create({
    // 16 random bytes with the top bit cleared: a positive INTEGER, unique in practice.
    serialNumber: serialNumberHex(),
    subject,
    issuer: options.issuer ? options.issuer.certificate.subjectName : subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: options.publicKey,
    signingKey,
    signingAlgorithm: signerAlgorithm === 'RSA-2048' ? rsaSigning : ecdsaSigning,
    extensions,
  });
}

function serialNumberHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f | 0x01;
  return bytes.toString('hex');
}

function profileExtensions(profile: CertificateProfile): x509.Extension[] {
  const { KeyUsageFlags: usage } = x509;
  switch (profile) {
    case 'root':
      return [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(usage.keyCertSign | usage.cRLSign, true),
      ];
    case 'ca':
      return [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(usage.keyCertSign | usage.cRLSign, true),
      ];
    case 'seal':
    case 'signing':
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage.digitalSignature | usage.nonRepudiation, true),
      ];
    case 'ocsp':
      return [
        new x509.KeyUsagesExtension(usage.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([oids.ocspSigning], false),
        new x509.Extension(oids.ocspNoCheck, false, new Uint8Array([0x05, 0x00])),
      ];
    case 'ocsp-checked':
      return [
        new x509.KeyUsagesExtension(usage.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([oids.ocspSigning], false),
      ];
    case 'tsa':
      return [
        new x509.KeyUsagesExtension(usage.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([oids.timeStamping], true),
      ];
    case 'encryption-only':
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage.keyEncipherment, true),
      ];
  }
}
