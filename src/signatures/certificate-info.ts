// Parsed views of one certificate that revocation checking needs: node:crypto
// for keys and names, PKI.js for the DER of the subject name and the public
// key, and the revocation URLs it names. Parsing costs more than the checks,
// so parsed certificates are kept in a bounded cache keyed by their DER.
import { createHash, X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import '../pki/crypto.ts';

export interface CertificateInfo {
  der: Uint8Array;
  /** SHA-256 of the DER, hex: the certificate's identity in caches. */
  id: string;
  node: NodeCertificate;
  parsed: pkijs.Certificate;
  /** Serial number as unsigned hex without leading zero bytes. */
  serialNumber: string;
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  /** The subjectPublicKey BIT STRING's value (what OCSP's issuerKeyHash hashes). */
  publicKeyBits: Uint8Array;
  publicKey: KeyObject;
  ocspUrls: string[];
  crlUrls: string[];
  /** Extended key usage OIDs; empty when the extension is absent. */
  extendedKeyUsages: string[];
  /** The id-pkix-ocsp-nocheck extension: an OCSP responder whose own revocation is not checked. */
  ocspNoCheck: boolean;
}

const maxCached = 2000;
const cache = new Map<string, CertificateInfo>();

const extensionOids = {
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  crlDistributionPoints: '2.5.29.31',
  extendedKeyUsage: '2.5.29.37',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
};
const accessMethodOcsp = '1.3.6.1.5.5.7.48.1';

/** Parses `der` (or returns the cached parse); throws when it is not a certificate. */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  const id = createHash('sha256').update(der).digest('hex');
  const cached = cache.get(id);
  if (cached) return cached;
  const node = new NodeCertificate(der);
  const parsed = pkijs.Certificate.fromBER(new Uint8Array(der));
  const info: CertificateInfo = {
    der, id, node, parsed,
    serialNumber: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+(?=.)/, ''),
    subjectDer: new Uint8Array(parsed.subject.toSchema().toBER(false)),
    issuerDer: new Uint8Array(parsed.issuer.toSchema().toBER(false)),
    publicKeyBits: new Uint8Array(parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    publicKey: node.publicKey,
    ocspUrls: [],
    crlUrls: [],
    extendedKeyUsages: [],
    ocspNoCheck: false,
  };
  for (const extension of parsed.extensions ?? []) readExtension(extension, info);
  if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
  cache.set(id, info);
  return info;
}

function readExtension(extension: pkijs.Extension, info: CertificateInfo): void {
  try {
    if (extension.extnID === extensionOids.authorityInfoAccess && extension.parsedValue instanceof pkijs.InfoAccess) {
      for (const access of extension.parsedValue.accessDescriptions) {
        if (access.accessMethod === accessMethodOcsp && access.accessLocation.type === 6) info.ocspUrls.push(String(access.accessLocation.value));
      }
    } else if (extension.extnID === extensionOids.crlDistributionPoints && extension.parsedValue instanceof pkijs.CRLDistributionPoints) {
      for (const point of extension.parsedValue.distributionPoints) {
        const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
        for (const name of names) if (name instanceof pkijs.GeneralName && name.type === 6) info.crlUrls.push(String(name.value));
      }
    } else if (extension.extnID === extensionOids.extendedKeyUsage && extension.parsedValue instanceof pkijs.ExtKeyUsage) {
      info.extendedKeyUsages = [...extension.parsedValue.keyPurposes];
    } else if (extension.extnID === extensionOids.ocspNoCheck) {
      info.ocspNoCheck = true;
    }
  } catch {
    // A malformed extension names no URL; the certificate is judged without it.
  }
}

/** True when `issuer`'s subject is `subject`'s issuer and its key verifies `subject`'s signature. */
export function isIssuedBy(subject: CertificateInfo, issuer: CertificateInfo): boolean {
  try {
    return Buffer.from(subject.issuerDer).equals(Buffer.from(issuer.subjectDer)) && subject.node.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** One-line subject. */
export function subjectLine(info: CertificateInfo): string {
  return info.node.subject.replace(/\n/g, ', ');
}
