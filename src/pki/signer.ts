// A signer: the certificate and private key that sign, plus the CA
// certificates between it and its root, which go into the CMS so that a
// verifier can build the chain without fetching anything.
import { readFile } from 'node:fs/promises';
import * as x509 from './x509.ts';
import { crypto, importPrivateKey, keyAlgorithmOf } from './crypto.ts';

export interface Signer {
  certificate: x509.X509Certificate;
  /** Issuing CA first, root last. */
  chain: x509.X509Certificate[];
  /** The private key, when it is in this process; absent for a key in an HSM, which signs through `sign`. */
  privateKey?: CryptoKey;
  /**
   * Signs `data` with SHA-256 and the certificate's key (RSA PKCS#1 v1.5, or
   * ECDSA with a DER signature value), for keys outside this process. Used
   * in place of privateKey when set.
   */
  sign?: (data: Uint8Array) => Promise<Uint8Array>;
}

/** A signer whose private key is in this process. */
export interface LocalSigner extends Signer {
  privateKey: CryptoKey;
}

export interface SignerFiles {
  /** PEM file of the signer's certificate. */
  certificate: string;
  /** PEM file of its PKCS#8 private key (unencrypted). */
  privateKey: string;
  /** PEM files of the CA certificates, issuing CA first; one file may hold several. */
  chain?: string[];
}

/** Reads a signer from PEM files. */
export async function loadSigner(files: SignerFiles): Promise<LocalSigner> {
  const [certificate] = parseCertificates(await readFile(files.certificate, 'utf8'));
  if (!certificate) throw new Error(`no certificate found in ${files.certificate}`);
  const chain: x509.X509Certificate[] = [];
  for (const file of files.chain ?? []) chain.push(...parseCertificates(await readFile(file, 'utf8')));
  const keyPem = await readFile(files.privateKey, 'utf8');
  const privateKey = await importPrivateKey(pemBody(keyPem, 'PRIVATE KEY', files.privateKey), keyAlgorithmOf(certificate));
  return { certificate, chain, privateKey };
}

export function parseCertificates(pem: string): x509.X509Certificate[] {
  return x509.PemConverter.decode(pem).map((der) => new x509.X509Certificate(der));
}

function pemBody(pem: string, label: string, source: string): ArrayBuffer {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new Error(`no "${label}" PEM block found in ${source}`);
  const der = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength);
}

export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}
