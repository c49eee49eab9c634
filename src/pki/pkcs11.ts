// Signing keys in an HSM, through PKCS#11 (graphene-pk11 over pkcs11js).
// Two rules keep the process alive under load:
//   - the library is initialized with CKF_OS_LOCKING_OK, so it may use OS
//     locks when called from several threads (without it two concurrent
//     sessions crashed the process);
//   - a session runs one operation at a time, so signing borrows a session
//     from a pool of logged-in sessions and returns it when done.
// Signing runs on libuv's thread pool (graphene's callback API), so the pool
// size bounds how many signatures the HSM computes at once.
//
// Lifecycle: openPkcs11Token (load, initialize, open sessions, log in) ->
// token.signer(...) any number of times -> token.close() (log out, close
// sessions, finalize).
import { createHash } from 'node:crypto';
import * as graphene from 'graphene-pk11';
import type { Signer } from './signer.ts';
import type * as x509 from './x509.ts';

export interface Pkcs11Options {
  /** Path of the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  library: string;
  /** Label of the token holding the keys. */
  tokenLabel: string;
  /** User PIN. */
  pin: string;
  /** Sessions opened, and signatures computed at once. @default 4 */
  sessions?: number;
}

export interface Pkcs11Token {
  /** A Signer whose private key is the token's key labelled `keyLabel`. */
  signer(keyLabel: string, certificate: x509.X509Certificate, chain: x509.X509Certificate[]): Signer;
  close(): Promise<void>;
}

/** CKF_OS_LOCKING_OK (PKCS#11 C_Initialize flags). */
const osLockingOk = 2;

/** Opens a pool of logged-in sessions on the token labelled `tokenLabel`. */
export function openPkcs11Token(options: Pkcs11Options): Pkcs11Token {
  const module = graphene.Module.load(options.library);
  module.initialize({ flags: osLockingOk });
  try {
    const slots = module.getSlots(true);
    let slot: graphene.Slot | undefined;
    for (let i = 0; i < slots.length; i++) {
      const candidate = slots.items(i);
      if (candidate.getToken().label.trim() === options.tokenLabel) slot = candidate;
    }
    if (!slot) throw new Error(`no PKCS#11 token labelled "${options.tokenLabel}" in ${options.library}`);
    const found = slot;
    const sessions = Array.from({ length: options.sessions ?? 4 }, () => found.open(graphene.SessionFlag.SERIAL_SESSION));
    // Login state is shared by all sessions of the application, so one login serves the pool.
    sessions[0]?.login(options.pin, graphene.UserType.USER);
    return createToken(module, sessions);
  } catch (err) {
    module.finalize();
    throw err;
  }
}

function createToken(module: graphene.Module, sessions: graphene.Session[]): Pkcs11Token {
  const free = [...sessions];
  const waiting: ((session: graphene.Session) => void)[] = [];
  const acquire = (): Promise<graphene.Session> => {
    const session = free.pop();
    return session ? Promise.resolve(session) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (session: graphene.Session): void => {
    const next = waiting.shift();
    if (next) next(session);
    else free.push(session);
  };
  let closed = false;

  return {
    signer(keyLabel, certificate, chain) {
      const isRsa = certificate.publicKey.algorithm.name.startsWith('RSA');
      return {
        certificate,
        chain,
        async sign(data) {
          if (closed) throw new Error('the PKCS#11 token is closed');
          const session = await acquire();
          try {
            const key = findPrivateKey(session, keyLabel);
            if (isRsa) return await signOnce(session, 'SHA256_RSA_PKCS', key, Buffer.from(data));
            // CKM_ECDSA signs a digest and returns r || s; CMS needs the DER SEQUENCE.
            const digest = createHash('sha256').update(data).digest();
            return ecdsaToDer(await signOnce(session, 'ECDSA', key, digest));
          } finally {
            release(session);
          }
        },
      };
    },
    async close() {
      // A second close would wait for sessions the first one took for good.
      if (closed) return;
      closed = true;
      // Wait until every session is back in the pool, so no signature is cut short.
      const all = await Promise.all(sessions.map(() => acquire()));
      try {
        all[0]?.logout();
      } catch {
        // Already logged out (the token was removed): closing still proceeds.
      }
      for (const session of all) session.close();
      module.finalize();
    },
  };
}

const keyHandles = new WeakMap<graphene.Session, Map<string, graphene.PrivateKey>>();

/** Finds the private key once per session (C_FindObjects costs a round trip to the HSM). */
function findPrivateKey(session: graphene.Session, label: string): graphene.PrivateKey {
  let keys = keyHandles.get(session);
  if (!keys) {
    keys = new Map();
    keyHandles.set(session, keys);
  }
  const cached = keys.get(label);
  if (cached) return cached;
  const found = session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label });
  if (found.length === 0) throw new Error(`no private key labelled "${label}" on the PKCS#11 token`);
  const key = found.items(0).toType<graphene.PrivateKey>();
  keys.set(label, key);
  return key;
}

function signOnce(session: graphene.Session, mechanism: string, key: graphene.PrivateKey, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    session.createSign(mechanism, key).once(data, (error, signature) => (error ? reject(error) : resolve(signature)));
  });
}

/** Encodes an IEEE P1363 ECDSA signature (r || s) as the DER SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaToDer(plain: Uint8Array): Uint8Array {
  const half = plain.length / 2;
  const integer = (bytes: Uint8Array): Buffer => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = Buffer.from(bytes.subarray(start));
    const body = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(plain.subarray(0, half)), integer(plain.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}
