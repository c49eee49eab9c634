// The demo PKI: a root CA, an issuing CA under it, one agency seal
// certificate per unit and one signing certificate per approving officer.
// It replaces a national PKI in the embedded default and in tests. A
// deployment configures its real trust anchors and keys instead.
//
// Layout of the directory (keys are unencrypted PKCS#8 PEM, mode 0600):
//   pki.json                         index of what is below
//   root-ca.cert.pem / .key.pem
//   issuing-ca.cert.pem / .key.pem
//   seal-<unit id>.cert.pem / .key.pem
//   officer-<officer id>.cert.pem / .key.pem
//   tsa.cert.pem / .key.pem          the demo's time-stamping authority
//   seal-*.p12, officer-*.p12        PKCS#12 of each signer (key, certificate, chain),
//                                    protected by pki.json's p12Password; signers load these
//
// createDemoPki is idempotent: an existing directory is loaded, and only
// units, officers or the TSA it lacks get new certificates. The demo has no
// OCSP or CRL server: its certificates name none, and demo-services.ts
// answers OCSP requests and time-stamp requests in process.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as x509 from './x509.ts';
import { importPrivateKey, keyAlgorithmOf, type KeyAlgorithmName } from './crypto.ts';
import { issueCertificate, type Issuer, type SubjectName } from './certificates.ts';
import { loadPkcs12Signer, writePkcs12 } from './pkcs12.ts';
import { loadSigner, parseCertificates, privateKeyToPem, type LocalSigner } from './signer.ts';

export interface DemoUnit {
  /** File-name-safe identifier: letters, digits, `-`, `_`, `.`. */
  id: string;
  /** The unit's name, the seal's common name (Arabic allowed). */
  name: string;
}

export interface DemoOfficer {
  id: string;
  /** The officer's name, the certificate's common name. */
  name: string;
  /** Name of the officer's unit, written as organizational unit. */
  unitName?: string;
}

export interface DemoPkiOptions {
  units: DemoUnit[];
  officers: DemoOfficer[];
  /** @default 'RSA-2048' */
  keyAlgorithm?: KeyAlgorithmName;
  /** Organization written in every certificate. @default 'Sijill Demo City' */
  organization?: string;
  /** @default 'SA' */
  country?: string;
}

export type DemoSignerKind = 'seal' | 'officer';

export interface DemoPki {
  dir: string;
  keyAlgorithm: KeyAlgorithmName;
  root: x509.X509Certificate;
  issuingCa: x509.X509Certificate;
  /** Entity file stems (e.g. `seal-city-hall`) by kind and id. */
  entities: Record<DemoSignerKind, Record<string, string>>;
}

interface PkiIndex {
  version: 1;
  keyAlgorithm: KeyAlgorithmName;
  organization: string;
  country: string;
  entities: Record<DemoSignerKind, Record<string, string>>;
  /** File stem of the TSA certificate; absent in PKIs made before the demo had a TSA. */
  tsa?: string;
  /**
   * Password of the signers' PKCS#12 files. Stored beside them, so it
   * protects nothing: the demo PKI is for demonstration and tests only.
   */
  p12Password?: string;
}

const indexFile = 'pki.json';
const hour = 3600_000;
const year = 365 * 24 * hour;

/** Creates the demo PKI in `dir`, or loads it and adds the units and officers it lacks. */
export async function createDemoPki(dir: string, options: DemoPkiOptions): Promise<DemoPki> {
  await mkdir(dir, { recursive: true });
  let index = await readIndex(dir);
  if (!index) {
    index = await createAuthorities(dir, options);
  }
  const issuer = await loadIssuer(dir, index.keyAlgorithm);
  for (const unit of options.units) {
    if (index.entities.seal[unit.id]) continue;
    const subject = { commonName: unit.name, organization: index.organization, country: index.country };
    index.entities.seal[unit.id] = await issueEntity(dir, `seal-${checkId(unit.id)}`, subject, 'seal', index.keyAlgorithm, issuer);
  }
  for (const officer of options.officers) {
    if (index.entities.officer[officer.id]) continue;
    const subject: SubjectName = { commonName: officer.name, organization: index.organization, country: index.country };
    if (officer.unitName) subject.organizationalUnit = officer.unitName;
    index.entities.officer[officer.id] = await issueEntity(dir, `officer-${checkId(officer.id)}`, subject, 'signing', index.keyAlgorithm, issuer);
  }
  if (!index.p12Password) index.p12Password = randomBytes(16).toString('hex');
  for (const stem of [...Object.values(index.entities.seal), ...Object.values(index.entities.officer)]) {
    await writePkcs12File(dir, stem, index.p12Password);
  }
  if (!index.tsa) {
    const subject = { commonName: `${index.organization} Time-Stamping Authority`, organization: index.organization, country: index.country };
    index.tsa = await issueEntity(dir, 'tsa', subject, 'tsa', index.keyAlgorithm, issuer);
  }
  await writeFile(path.join(dir, indexFile), `${JSON.stringify(index, null, 2)}\n`);
  return {
    dir,
    keyAlgorithm: index.keyAlgorithm,
    root: await readCertificate(path.join(dir, 'root-ca.cert.pem')),
    issuingCa: issuer.certificate,
    entities: index.entities,
  };
}

/** Loads the seal of a unit or the signing key of an officer from a demo PKI directory (its PKCS#12 file, else its PEM files). */
export async function loadDemoSigner(dir: string, kind: DemoSignerKind, id: string): Promise<LocalSigner> {
  const index = await readIndex(dir);
  const stem = index?.entities[kind][id];
  if (!stem) throw new Error(`no ${kind} certificate for "${id}" in the demo PKI at ${dir}`);
  if (index.p12Password) {
    const p12 = await readFile(path.join(dir, `${stem}.p12`)).catch(() => undefined);
    if (p12) return loadPkcs12Signer(p12, index.p12Password);
  }
  return loadSigner({
    certificate: path.join(dir, `${stem}.cert.pem`),
    privateKey: path.join(dir, `${stem}.key.pem`),
    chain: [path.join(dir, 'issuing-ca.cert.pem'), path.join(dir, 'root-ca.cert.pem')],
  });
}

/** Loads the demo root certificate, the trust anchor for everything the demo PKI issues. */
export async function loadDemoTrustAnchors(dir: string): Promise<x509.X509Certificate[]> {
  return [await readCertificate(path.join(dir, 'root-ca.cert.pem'))];
}

async function createAuthorities(dir: string, options: DemoPkiOptions): Promise<PkiIndex> {
  const keyAlgorithm = options.keyAlgorithm ?? 'RSA-2048';
  const organization = options.organization ?? 'Sijill Demo City';
  const country = options.country ?? 'SA';
  const now = Date.now();
  const root = await issueCertificate({
    subject: { commonName: `${organization} Root CA`, organization, country },
    profile: 'root',
    keyAlgorithm,
    notBefore: new Date(now - hour),
    notAfter: new Date(now + 20 * year),
  });
  await writeEntity(dir, 'root-ca', root.certificate, root.keys.privateKey);
  const issuing = await issueCertificate({
    subject: { commonName: `${organization} Issuing CA`, organization, country },
    profile: 'ca',
    keyAlgorithm,
    issuer: { certificate: root.certificate, privateKey: root.keys.privateKey },
    notBefore: new Date(now - hour),
    notAfter: new Date(now + 10 * year),
  });
  await writeEntity(dir, 'issuing-ca', issuing.certificate, issuing.keys.privateKey);
  return { version: 1, keyAlgorithm, organization, country, entities: { seal: {}, officer: {} } };
}

async function issueEntity(
  dir: string, stem: string, subject: SubjectName, profile: 'seal' | 'signing' | 'tsa', keyAlgorithm: KeyAlgorithmName, issuer: Issuer,
): Promise<string> {
  const now = Date.now();
  const issued = await issueCertificate({
    subject, profile, keyAlgorithm, issuer, notBefore: new Date(now - hour), notAfter: new Date(now + 3 * year),
  });
  await writeEntity(dir, stem, issued.certificate, issued.keys.privateKey);
  return stem;
}

async function writeEntity(dir: string, stem: string, certificate: x509.X509Certificate, privateKey: CryptoKey): Promise<void> {
  await writeFile(path.join(dir, `${stem}.cert.pem`), `${certificate.toString('pem')}\n`);
  await writeFile(path.join(dir, `${stem}.key.pem`), `${await privateKeyToPem(privateKey)}\n`, { mode: 0o600 });
}

/** Writes `<stem>.p12` from the PEM files when it does not exist yet. */
async function writePkcs12File(dir: string, stem: string, password: string): Promise<void> {
  const file = path.join(dir, `${stem}.p12`);
  if (await readFile(file).then(() => true, () => false)) return;
  const signer = await loadSigner({
    certificate: path.join(dir, `${stem}.cert.pem`),
    privateKey: path.join(dir, `${stem}.key.pem`),
    chain: [path.join(dir, 'issuing-ca.cert.pem'), path.join(dir, 'root-ca.cert.pem')],
  });
  const p12 = writePkcs12({ privateKey: signer.privateKey, certificate: signer.certificate, chain: signer.chain, password, friendlyName: stem });
  await writeFile(file, p12, { mode: 0o600 });
}

/** Loads the issuing CA's certificate and key, to issue further certificates (test TSA, test signers). */
export async function loadDemoIssuingCa(dir: string): Promise<Issuer> {
  const index = await readIndex(dir);
  if (!index) throw new Error(`no demo PKI in ${dir}`);
  return loadIssuer(dir, index.keyAlgorithm);
}

/** Keys of the demo's own services: the root and issuing CA (which answer OCSP) and the TSA, when the PKI has one. */
export interface DemoAuthorities {
  root: Issuer;
  issuingCa: Issuer;
  tsa?: Issuer;
}

/** Loads the demo PKI's CA and TSA keys; undefined when `dir` holds no demo PKI. */
export async function loadDemoAuthorities(dir: string): Promise<DemoAuthorities | undefined> {
  const index = await readIndex(dir);
  if (!index) return undefined;
  const load = async (stem: string): Promise<Issuer> => {
    const certificate = await readCertificate(path.join(dir, `${stem}.cert.pem`));
    const pem = await readFile(path.join(dir, `${stem}.key.pem`), 'utf8');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
    return { certificate, privateKey: await importPrivateKey(der, keyAlgorithmOf(certificate)) };
  };
  const authorities: DemoAuthorities = { root: await load('root-ca'), issuingCa: await load('issuing-ca') };
  if (index.tsa) authorities.tsa = await load(index.tsa);
  return authorities;
}

async function loadIssuer(dir: string, keyAlgorithm: KeyAlgorithmName): Promise<Issuer> {
  const certificate = await readCertificate(path.join(dir, 'issuing-ca.cert.pem'));
  const pem = await readFile(path.join(dir, 'issuing-ca.key.pem'), 'utf8');
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
  const algorithm = keyAlgorithmOf(certificate);
  if (algorithm !== keyAlgorithm) throw new Error(`issuing CA key is ${algorithm}, but pki.json records ${keyAlgorithm}; recreate the demo PKI directory`);
  return { certificate, privateKey: await importPrivateKey(der, algorithm) };
}

async function readCertificate(file: string): Promise<x509.X509Certificate> {
  const [certificate] = parseCertificates(await readFile(file, 'utf8'));
  if (!certificate) throw new Error(`no certificate found in ${file}`);
  return certificate;
}

async function readIndex(dir: string): Promise<PkiIndex | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, indexFile), 'utf8')) as PkiIndex;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function checkId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
    throw new Error(`invalid demo PKI id "${id}": use letters, digits, ".", "_" and "-", starting with a letter or digit`);
  }
  return id;
}
