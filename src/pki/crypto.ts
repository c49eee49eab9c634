// One WebCrypto provider for PKI.js and @peculiar/x509: Node's own
// (node:crypto's webcrypto). Importing this module registers it with both.
import { webcrypto } from 'node:crypto';
import * as x509 from './x509.ts';
import * as pkijs from 'pkijs';

export const crypto = webcrypto as unknown as Crypto;

x509.cryptoProvider.set(crypto);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));

/** Key algorithms the demo PKI issues and the signer accepts. */
export type KeyAlgorithmName = 'RSA-2048' | 'ECDSA-P256';

export const rsaSigning = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
export const ecdsaSigning = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** Returns the WebCrypto parameters that generate, import and use a key of `name`. */
export function keyParams(name: KeyAlgorithmName): RsaHashedKeyGenParams | EcKeyGenParams & { hash: string } {
  if (name === 'RSA-2048') {
    return { ...rsaSigning, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  }
  return { ...ecdsaSigning };
}

export async function generateKeyPair(name: KeyAlgorithmName): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(keyParams(name), true, ['sign', 'verify']);
}

/** Reads the key algorithm from a certificate's public key. */
export function keyAlgorithmOf(certificate: x509.X509Certificate): KeyAlgorithmName {
  const algorithm = certificate.publicKey.algorithm;
  if (algorithm.name === 'ECDSA') {
    const curve = (algorithm as EcKeyAlgorithm).namedCurve;
    if (curve !== 'P-256') throw new Error(`unsupported EC curve ${curve}; only P-256 is supported`);
    return 'ECDSA-P256';
  }
  return 'RSA-2048';
}

export async function importPrivateKey(pkcs8Der: ArrayBuffer | Uint8Array<ArrayBuffer>, name: KeyAlgorithmName): Promise<CryptoKey> {
  const params = name === 'RSA-2048' ? rsaSigning : ecdsaSigning;
  return crypto.subtle.importKey('pkcs8', pkcs8Der, params, true, ['sign']);
}
