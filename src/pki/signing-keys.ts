// The signing key of each seal and each officer, and where it lives. The
// seal worker signs with its unit's seal, the issue-result worker with the
// approving officer's key. Unset, SIJILL_SIGNING_KEYS means the demo PKI in
// SIJILL_DATA_DIR/pki.
// Set, it names a JSON file that maps each unit and officer to a PKCS#12 file
// or to a key in an HSM reached through PKCS#11:
//
//   {
//     "pkcs11": { "library": "/usr/lib/softhsm/libsofthsm2.so", "tokenLabel": "city", "pinEnv": "SIJILL_HSM_PIN" },
//     "seals": {
//       "ward-1": { "pkcs12": "keys/ward-1.p12", "passwordEnv": "SIJILL_SEAL_PASSWORD" },
//       "commerce": { "keyLabel": "seal-commerce", "certificates": "keys/seal-commerce.pem" }
//     },
//     "officers": { "head.ward1": { "pkcs12": "keys/head-ward1.p12", "passwordEnv": "SIJILL_OFFICER_PASSWORD" } }
//   }
//
// Relative paths are read from the JSON file's folder. Passwords and PINs
// come from the environment variables named, never from the file. An HSM key
// needs its certificate and the CA certificates above it in one PEM file,
// signer first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { loadDemoSigner } from './demo-pki.ts';
import { openPkcs11Token, type Pkcs11Token } from './pkcs11.ts';
import { loadPkcs12Signer } from './pkcs12.ts';
import { parseCertificates, type Signer } from './signer.ts';

export type SigningKeyKind = 'seal' | 'officer';

export interface SigningKeys {
  /** Returns the signer of a unit's seal or of an officer; throws SigningKeyError when none is configured. */
  signerFor(kind: SigningKeyKind, id: string): Promise<Signer>;
  /** Logs out of the HSM, if one was opened. */
  close(): Promise<void>;
}

/** A key that is not configured or cannot be loaded; the message names the key and the file. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

const pkcs12Entry = z.object({ pkcs12: z.string(), passwordEnv: z.string() }).strict();
const pkcs11Entry = z.object({ keyLabel: z.string(), certificates: z.string() }).strict();
const entry = z.union([pkcs12Entry, pkcs11Entry]);
const keyFile = z.object({
  pkcs11: z.object({ library: z.string(), tokenLabel: z.string(), pinEnv: z.string(), sessions: z.number().int().positive().optional() }).strict().optional(),
  seals: z.record(z.string(), entry).default({}),
  officers: z.record(z.string(), entry).default({}),
}).strict();
type KeyFile = z.infer<typeof keyFile>;

/** Opens the keys SIJILL_SIGNING_KEYS names, or the demo PKI's in `pkiDir` when it is unset. */
export async function openSigningKeys(keysFile: string | undefined, pkiDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SigningKeys> {
  if (keysFile === undefined || keysFile === '') {
    return { signerFor: (kind, id) => loadDemoSigner(pkiDir, kind, id), close: async () => {} };
  }
  const parsed = keyFile.safeParse(JSON.parse(await readFile(keysFile, 'utf8').catch((error: unknown) => {
    throw new SigningKeyError(`cannot read SIJILL_SIGNING_KEYS file ${keysFile}: ${String(error)}`);
  })));
  if (!parsed.success) throw new SigningKeyError(`invalid SIJILL_SIGNING_KEYS file ${keysFile}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  // Secrets missing from the environment are named at start-up, not at the first signature.
  const variables = [
    ...(parsed.data.pkcs11 ? [parsed.data.pkcs11.pinEnv] : []),
    ...[...Object.values(parsed.data.seals), ...Object.values(parsed.data.officers)].flatMap((key) => ('passwordEnv' in key ? [key.passwordEnv] : [])),
  ];
  const unset = [...new Set(variables)].filter((variable) => !env[variable]);
  if (unset.length > 0) throw new SigningKeyError(`SIJILL_SIGNING_KEYS file ${keysFile} names environment variables that are not set: ${unset.join(', ')}`);
  return new FileSigningKeys(parsed.data, path.dirname(keysFile), keysFile, env);
}

class FileSigningKeys implements SigningKeys {
  readonly #keys: KeyFile;
  readonly #folder: string;
  readonly #file: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #signers = new Map<string, Promise<Signer>>();
  #token: Pkcs11Token | undefined;

  constructor(keys: KeyFile, folder: string, file: string, env: NodeJS.ProcessEnv) {
    this.#keys = keys;
    this.#folder = folder;
    this.#file = file;
    this.#env = env;
  }

  signerFor(kind: SigningKeyKind, id: string): Promise<Signer> {
    const name = `${kind}:${id}`;
    let signer = this.#signers.get(name);
    if (signer === undefined) {
      signer = this.#load(kind, id);
      // A failed load is tried again next time, after the file or the HSM is fixed.
      signer.catch(() => this.#signers.delete(name));
      this.#signers.set(name, signer);
    }
    return signer;
  }

  async close(): Promise<void> {
    await this.#token?.close();
    this.#token = undefined;
  }

  async #load(kind: SigningKeyKind, id: string): Promise<Signer> {
    const entries = kind === 'seal' ? this.#keys.seals : this.#keys.officers;
    const key = entries[id];
    if (key === undefined) throw new SigningKeyError(`no ${kind} key for "${id}" in SIJILL_SIGNING_KEYS file ${this.#file}`);
    if ('pkcs12' in key) {
      const der = await this.#read(key.pkcs12);
      return loadPkcs12Signer(der, this.#secret(key.passwordEnv, `${kind} "${id}"`));
    }
    const [certificate, ...chain] = parseCertificates(new TextDecoder().decode(await this.#read(key.certificates)));
    if (certificate === undefined) throw new SigningKeyError(`no certificate in ${key.certificates} for ${kind} "${id}"`);
    return this.#openToken().signer(key.keyLabel, certificate, chain);
  }

  #openToken(): Pkcs11Token {
    if (this.#token) return this.#token;
    const hsm = this.#keys.pkcs11;
    if (!hsm) throw new SigningKeyError(`an HSM key is configured but SIJILL_SIGNING_KEYS file ${this.#file} has no "pkcs11" section`);
    this.#token = openPkcs11Token({ library: hsm.library, tokenLabel: hsm.tokenLabel, pin: this.#secret(hsm.pinEnv, 'the HSM'), sessions: hsm.sessions });
    return this.#token;
  }

  async #read(file: string): Promise<Uint8Array> {
    const full = path.resolve(this.#folder, file);
    try {
      return new Uint8Array(await readFile(full));
    } catch (error) {
      throw new SigningKeyError(`cannot read ${full}, named in SIJILL_SIGNING_KEYS file ${this.#file}: ${String(error)}`);
    }
  }

  #secret(variable: string, what: string): string {
    const value = this.#env[variable];
    if (value === undefined || value === '') throw new SigningKeyError(`environment variable ${variable}, the secret of ${what}, is not set`);
    return value;
  }
}
