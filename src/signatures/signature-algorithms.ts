// Signature algorithms a CMS SignerInfo may name, mapped to node:crypto
// verify() parameters. node:crypto is used rather than WebCrypto because it
// verifies RSA with any digest, DER and plain (IEEE P1363) ECDSA, and EdDSA.
import { constants, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digestAlgorithms } from './oids.ts';

export interface SignatureScheme {
  name: string;
  /** node:crypto digest name; null for EdDSA, which hashes internally. */
  hash: string | null;
  kind: 'rsa' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain' | 'eddsa';
  saltLength?: number;
}

const rsaWithHash: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.14': 'sha224', '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
};
const ecdsaWithHash: Record<string, string> = {
  '1.2.840.10045.4.1': 'sha1', '1.2.840.10045.4.3.1': 'sha224', '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
};
// BSI TR-03111 plain ECDSA: r || s instead of a DER SEQUENCE.
const plainEcdsaWithHash: Record<string, string> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'sha1', '0.4.0.127.0.7.1.1.4.1.2': 'sha224', '0.4.0.127.0.7.1.1.4.1.3': 'sha256',
  '0.4.0.127.0.7.1.1.4.1.4': 'sha384', '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
};

/**
 * Resolves the scheme of a SignerInfo from its signature and digest
 * algorithms; returns undefined for an algorithm Sijill does not verify.
 */
export function resolveSignatureScheme(signatureAlgorithm: pkijs.AlgorithmIdentifier, digestOid: string): SignatureScheme | undefined {
  const id = signatureAlgorithm.algorithmId;
  const digest = digestAlgorithms[digestOid]?.nodeName;
  if (id === '1.2.840.113549.1.1.1') return digest ? { name: `RSA with ${digest}`, hash: digest, kind: 'rsa' } : undefined;
  if (rsaWithHash[id]) return { name: `RSA with ${rsaWithHash[id]}`, hash: rsaWithHash[id], kind: 'rsa' };
  if (ecdsaWithHash[id]) return { name: `ECDSA with ${ecdsaWithHash[id]}`, hash: ecdsaWithHash[id], kind: 'ecdsa' };
  if (id === '1.2.840.10045.2.1') return digest ? { name: `ECDSA with ${digest}`, hash: digest, kind: 'ecdsa' } : undefined;
  if (plainEcdsaWithHash[id]) return { name: `plain ECDSA with ${plainEcdsaWithHash[id]}`, hash: plainEcdsaWithHash[id], kind: 'ecdsa-plain' };
  if (id === '1.3.101.112') return { name: 'Ed25519', hash: null, kind: 'eddsa' };
  if (id === '1.3.101.113') return { name: 'Ed448', hash: null, kind: 'eddsa' };
  if (id === '1.2.840.113549.1.1.10') return rsaPssScheme(signatureAlgorithm);
  return undefined;
}

function rsaPssScheme(algorithm: pkijs.AlgorithmIdentifier): SignatureScheme | undefined {
  if (!(algorithm.algorithmParams instanceof asn1js.Sequence)) return undefined;
  const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
  const hash = digestAlgorithms[params.hashAlgorithm.algorithmId]?.nodeName;
  return hash ? { name: `RSA-PSS with ${hash}`, hash, kind: 'rsa-pss', saltLength: params.saltLength } : undefined;
}

/** Verifies `signature` over `data`; returns false (never throws) for a malformed signature. */
export function verifySignatureValue(scheme: SignatureScheme, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (scheme.kind === 'eddsa') return verify(null, data, key, signature);
    if (scheme.kind === 'rsa-pss') {
      return verify(scheme.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength ?? 20 }, signature);
    }
    const dsaEncoding = scheme.kind === 'ecdsa-plain' ? 'ieee-p1363' : 'der';
    return verify(scheme.hash, data, { key, dsaEncoding }, signature);
  } catch {
    return false;
  }
}
