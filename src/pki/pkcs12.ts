// PKCS#12 (RFC 7292) key stores: one private key with its certificate and
// CA chain in a password-protected file, the form CAs and HSM exports hand
// out. Written as OpenSSL 3 writes them by default: the key as a PBES2
// (PBKDF2-HMAC-SHA256, AES-256-CBC) shrouded key bag, the certificates in
// plain cert bags, and an HMAC-SHA256 integrity MAC keyed by the PKCS#12 KDF
// (RFC 7292 appendix B). Read: the same, plus certificates in PBES2
// encrypted content, which is what `openssl pkcs12 -export` writes. The
// legacy PKCS#12 PBE ciphers (3DES, RC2) are not read; convert such a file
// with `openssl pkcs12 -legacy` first.
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, KeyObject, pbkdf2Sync, randomBytes, sign as nodeSign, timingSafeEqual } from 'node:crypto';
import * as asn1js from 'asn1js';
import { keyAlgorithmOf, keyParams } from './crypto.ts';
import type { LocalSigner } from './signer.ts';
import * as x509 from './x509.ts';

const oids = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  sha256: '2.16.840.1.101.3.4.2.1',
};
const prfDigests: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512',
};
const aesCbc: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc', '2.16.840.1.101.3.4.1.22': 'aes-192-cbc', '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
};
const macDigests: Record<string, { name: string; length: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', length: 20, block: 64 },
  [oids.sha256]: { name: 'sha256', length: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', length: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', length: 64, block: 128 },
};

/** Thrown when a PKCS#12 file cannot be read: wrong password, damaged file, or a cipher not supported. */
export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
}

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** The certificate of the private key's public key. */
  certificate: x509.X509Certificate;
  /** The other certificates of the file. */
  others: x509.X509Certificate[];
}

/** Iterations of the PKCS#12 KDF for the MAC: OpenSSL's default. @default 2048 */
const defaultIterations = 2048;

/** Writes `privateKey`, its certificate and `chain` into a PKCS#12 file protected by `password`. */
export function writePkcs12(options: { privateKey: KeyObject | CryptoKey; certificate: x509.X509Certificate; chain?: x509.X509Certificate[]; password: string; friendlyName?: string; iterations?: number }): Uint8Array {
  const key = options.privateKey instanceof KeyObject ? options.privateKey : KeyObject.from(options.privateKey);
  const iterations = options.iterations ?? defaultIterations;
  const keyId = createHash('sha1').update(new Uint8Array(options.certificate.rawData)).digest();
  const attributes = [attribute(oids.localKeyId, new asn1js.OctetString({ valueHex: keyId }))];
  if (options.friendlyName) attributes.push(attribute(oids.friendlyName, new asn1js.BmpString({ value: options.friendlyName })));

  // NOTE: Node's export writes PBES2 with PBKDF2-HMAC-SHA256 at OpenSSL's fixed 2048 iterations; `iterations` applies to the MAC only.
  const encryptedKey = key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: options.password });
  const keyBag = safeBag(oids.shroudedKeyBag, asn1js.fromBER(encryptedKey).result, attributes);
  const certBags = [options.certificate, ...(options.chain ?? [])].map((certificate, index) => safeBag(
    oids.certBag,
    new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oids.x509Certificate }), explicit(0, new asn1js.OctetString({ valueHex: certificate.rawData }))] }),
    index === 0 ? attributes : [],
  ));
  const authenticatedSafe = new asn1js.Sequence({
    value: [dataContentInfo(new asn1js.Sequence({ value: [keyBag] })), dataContentInfo(new asn1js.Sequence({ value: certBags }))],
  }).toBER(false);

  const salt = randomBytes(16);
  const macKey = pkcs12Kdf('sha256', 32, 64, options.password, salt, 3, iterations, 32);
  const mac = createHmac('sha256', macKey).update(new Uint8Array(authenticatedSafe)).digest();
  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      dataContentInfo(new asn1js.OctetString({ valueHex: authenticatedSafe }), true),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [algorithm(oids.sha256), new asn1js.OctetString({ valueHex: mac })] }),
          new asn1js.OctetString({ valueHex: salt }),
          new asn1js.Integer({ value: iterations }),
        ],
      }),
    ],
  });
  return new Uint8Array(pfx.toBER(false));
}

/** Reads a PKCS#12 file: checks its MAC, decrypts the key and finds the key's certificate. */
export function readPkcs12(der: Uint8Array, password: string): Pkcs12Contents {
  const pfx = sequence(asn1js.fromBER(der).result, 'the file is not a PKCS#12 PFX');
  const [, authSafe, macData] = pfx.valueBlock.value;
  const authenticatedSafe = octets(dataContent(authSafe, 'authSafe'));
  if (!macData) throw new Pkcs12Error('the PKCS#12 file has no MAC; files without integrity protection are not read');
  checkMac(macData, authenticatedSafe, password);

  const bags: asn1js.Sequence[] = [];
  for (const contentInfo of sequence(asn1js.fromBER(authenticatedSafe).result, 'invalid AuthenticatedSafe').valueBlock.value) {
    const type = (sequence(contentInfo, 'invalid ContentInfo').valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    const contents = type === oids.encryptedData ? decryptEncryptedData(contentInfo, password) : octets(dataContent(contentInfo, 'SafeContents'));
    for (const bag of sequence(asn1js.fromBER(contents).result, 'invalid SafeContents').valueBlock.value) bags.push(sequence(bag, 'invalid SafeBag'));
  }

  let privateKey: KeyObject | undefined;
  const certificates: x509.X509Certificate[] = [];
  for (const bag of bags) {
    const [id, value] = bag.valueBlock.value;
    const bagId = (id as asn1js.ObjectIdentifier).valueBlock.toString();
    const inner = (value as asn1js.Constructed).valueBlock.value[0];
    if (!inner) continue;
    if (bagId === oids.shroudedKeyBag) {
      try {
        privateKey = createPrivateKey({ key: Buffer.from(inner.toBER(false)), format: 'der', type: 'pkcs8', passphrase: password });
      } catch (err) {
        throw new Pkcs12Error(`the private key cannot be decrypted: ${(err as Error).message}`, { cause: err });
      }
    } else if (bagId === oids.certBag) {
      const certValue = ((inner as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString;
      certificates.push(new x509.X509Certificate(new Uint8Array(certValue.valueBlock.valueHexView)));
    }
  }
  if (!privateKey) throw new Pkcs12Error('the PKCS#12 file contains no private key');
  const publicKey = createPublicKeyDer(privateKey);
  const certificate = certificates.find((candidate) => Buffer.from(candidate.publicKey.rawData).equals(publicKey));
  if (!certificate) throw new Pkcs12Error('the PKCS#12 file contains no certificate for its private key');
  return { privateKey, certificate, others: certificates.filter((candidate) => candidate !== certificate) };
}

/** Reads a PKCS#12 file as a Signer; the other certificates become its chain, ordered from the issuer up. */
export async function loadPkcs12Signer(der: Uint8Array, password: string): Promise<LocalSigner> {
  const contents = readPkcs12(der, password);
  const algorithm = keyAlgorithmOf(contents.certificate);
  const params = keyParams(algorithm);
  const privateKey = contents.privateKey.toCryptoKey(algorithm === 'RSA-2048' ? { name: params.name, hash: 'SHA-256' } : params, false, ['sign']) as unknown as CryptoKey;
  const key = contents.privateKey;
  return {
    certificate: contents.certificate,
    chain: orderChain(contents.certificate, contents.others),
    privateKey,
    // Signs with the KeyObject itself: node:crypto deprecates KeyObject.from() on a non-extractable CryptoKey.
    sign: async (data) => nodeSign('sha256', data, { key, dsaEncoding: 'der' }),
  };
}

function orderChain(leaf: x509.X509Certificate, others: x509.X509Certificate[]): x509.X509Certificate[] {
  const chain: x509.X509Certificate[] = [];
  let current = leaf;
  for (let issuer = others.find((candidate) => candidate.subject === current.issuer); issuer && !chain.includes(issuer) && current.subject !== current.issuer;) {
    chain.push(issuer);
    current = issuer;
    issuer = others.find((candidate) => candidate.subject === current.issuer);
  }
  return [...chain, ...others.filter((candidate) => !chain.includes(candidate))];
}

function createPublicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

function checkMac(macData: asn1js.BaseBlock, content: Uint8Array, password: string): void {
  const [digestInfo, saltBlock, iterationsBlock] = sequence(macData, 'invalid MacData').valueBlock.value;
  const [algorithmId, digest] = sequence(digestInfo, 'invalid MAC DigestInfo').valueBlock.value;
  const oid = ((algorithmId as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  const hash = macDigests[oid];
  if (!hash) throw new Pkcs12Error(`the PKCS#12 MAC uses digest ${oid}, which is not supported`);
  const salt = Buffer.from((saltBlock as asn1js.OctetString).valueBlock.valueHexView);
  const iterations = iterationsBlock instanceof asn1js.Integer ? iterationsBlock.valueBlock.valueDec : 1;
  const key = pkcs12Kdf(hash.name, hash.length, hash.block, password, salt, 3, iterations, hash.length);
  const expected = createHmac(hash.name, key).update(content).digest();
  const actual = Buffer.from((digest as asn1js.OctetString).valueBlock.valueHexView);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new Pkcs12Error('the PKCS#12 MAC does not verify: wrong password or damaged file');
  }
}

/** Decrypts an EncryptedData ContentInfo protected with PBES2 (PBKDF2 and AES-CBC). */
function decryptEncryptedData(contentInfo: asn1js.BaseBlock, password: string): Uint8Array {
  const encryptedData = sequence((sequence(contentInfo, 'invalid ContentInfo').valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0], 'invalid EncryptedData');
  const encryptedContentInfo = sequence(encryptedData.valueBlock.value[1], 'invalid EncryptedContentInfo');
  const [, algorithmBlock, contentBlock] = encryptedContentInfo.valueBlock.value;
  const [schemeId, schemeParams] = sequence(algorithmBlock, 'invalid content encryption algorithm').valueBlock.value;
  const scheme = (schemeId as asn1js.ObjectIdentifier).valueBlock.toString();
  if (scheme !== oids.pbes2) throw new Pkcs12Error(`certificates are encrypted with ${scheme}; only PBES2 is supported (re-export without -legacy)`);
  const [kdf, encryption] = sequence(schemeParams, 'invalid PBES2 parameters').valueBlock.value;
  const [kdfId, kdfParams] = sequence(kdf, 'invalid key derivation').valueBlock.value;
  if ((kdfId as asn1js.ObjectIdentifier).valueBlock.toString() !== oids.pbkdf2) throw new Pkcs12Error('only PBKDF2 key derivation is supported');
  const pbkdf2 = sequence(kdfParams, 'invalid PBKDF2 parameters').valueBlock.value;
  const salt = Buffer.from((pbkdf2[0] as asn1js.OctetString).valueBlock.valueHexView);
  const iterations = (pbkdf2[1] as asn1js.Integer).valueBlock.valueDec;
  const prfBlock = pbkdf2.find((block) => block instanceof asn1js.Sequence);
  const prfOid = prfBlock ? ((prfBlock as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() : '1.2.840.113549.2.7';
  const [cipherId, ivBlock] = sequence(encryption, 'invalid encryption scheme').valueBlock.value;
  const cipher = aesCbc[(cipherId as asn1js.ObjectIdentifier).valueBlock.toString()];
  const prf = prfDigests[prfOid];
  if (!cipher || !prf) throw new Pkcs12Error('only AES-CBC with PBKDF2-HMAC-SHA1/SHA-2 is supported for encrypted certificates');
  const keyLength = Number(/aes-(\d+)/.exec(cipher)?.[1] ?? 256) / 8;
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLength, prf);
  const iv = Buffer.from((ivBlock as asn1js.OctetString).valueBlock.valueHexView);
  const encrypted = contentBlock instanceof asn1js.Constructed
    ? Buffer.concat(contentBlock.valueBlock.value.map((part) => Buffer.from((part as asn1js.OctetString).valueBlock.valueHexView)))
    : Buffer.from((contentBlock as asn1js.Primitive).valueBlock.valueHexView);
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch (err) {
    throw new Pkcs12Error('the certificates cannot be decrypted: wrong password or damaged file', { cause: err });
  }
}

/**
 * The PKCS#12 key derivation function (RFC 7292 B.2): `id` 1 derives keys,
 * 2 IVs, 3 MAC keys. The password is a BMPString with a terminating zero.
 */
export function pkcs12Kdf(hash: string, u: number, v: number, password: string, salt: Uint8Array, id: number, iterations: number, length: number): Buffer {
  const passwordBytes = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) passwordBytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (bytes: Uint8Array): Buffer => {
    const out = Buffer.alloc(bytes.length === 0 ? 0 : v * Math.ceil(bytes.length / v));
    for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length] ?? 0;
    return out;
  };
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([fill(salt), fill(passwordBytes)]);
  const output: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let block = createHash(hash).update(diversifier).update(input).digest();
    for (let i = 1; i < iterations; i++) block = createHash(hash).update(block).digest();
    output.push(block);
    const b = fill(block);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let i = v - 1; i >= 0; i--) {
        const sum = (input[offset + i] ?? 0) + (b[i] ?? 0) + carry;
        input[offset + i] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, length);
}

function safeBag(bagId: string, value: asn1js.BaseBlock, attributes: asn1js.Sequence[]): asn1js.Sequence {
  const parts: asn1js.BaseBlock[] = [new asn1js.ObjectIdentifier({ value: bagId }), explicit(0, value)];
  if (attributes.length > 0) parts.push(new asn1js.Set({ value: attributes }));
  return new asn1js.Sequence({ value: parts });
}

function attribute(type: string, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), new asn1js.Set({ value: [value] })] });
}

function dataContentInfo(content: asn1js.BaseBlock, alreadyOctets = false): asn1js.Sequence {
  const octetString = alreadyOctets ? content : new asn1js.OctetString({ valueHex: content.toBER(false) });
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oids.data }), explicit(0, octetString)] });
}

function explicit(tagNumber: number, value: asn1js.BaseBlock): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [value] });
}

function algorithm(oid: string): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Null()] });
}

function dataContent(contentInfo: asn1js.BaseBlock | undefined, what: string): asn1js.BaseBlock {
  const info = sequence(contentInfo, `invalid ${what} ContentInfo`);
  const type = (info.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString();
  if (type !== oids.data) throw new Pkcs12Error(`${what} is not of type data (${type ?? 'none'}); public-key protected PKCS#12 files are not read`);
  const content = (info.valueBlock.value[1] as asn1js.Constructed | undefined)?.valueBlock.value[0];
  if (!content) throw new Pkcs12Error(`${what} has no content`);
  return content;
}

/** Reads the bytes of an OCTET STRING, also when BER splits it into constructed parts. */
function octets(block: asn1js.BaseBlock): Uint8Array {
  if (block instanceof asn1js.OctetString && block.idBlock.isConstructed) {
    return Buffer.concat(block.valueBlock.value.map((part) => Buffer.from((part as asn1js.OctetString).valueBlock.valueHexView)));
  }
  if (block instanceof asn1js.OctetString) return new Uint8Array(block.valueBlock.valueHexView);
  throw new Pkcs12Error('expected an OCTET STRING');
}

function sequence(block: asn1js.BaseBlock | undefined, message: string): asn1js.Sequence {
  if (!(block instanceof asn1js.Sequence)) throw new Pkcs12Error(message);
  return block;
}
