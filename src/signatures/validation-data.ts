// PAdES B-LT: adds the validation data of every signature and timestamp in
// a PDF to its Document Security Store (DSS), by incremental update, so the
// file can be validated offline after its certificates expire. For each
// certificate below a self-signed root (signers, TSAs, and their CAs) it adds
// the certificate and an OCSP response or CRL issued after the signature's
// proof of existence (its timestamp, or now), as revocation.ts requires.
// Data already in the DSS is kept and not added twice.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { SijillError } from '../errors.ts';
import { certificateInfo, isIssuedBy, subjectLine, type CertificateInfo } from './certificate-info.ts';
import { verifyCms } from './cms-verify.ts';
import { checkCrl } from './crl.ts';
import { readDss, type DssData } from './dss-read.ts';
import { appendIncrementalUpdate, readPreviousTrailer, type UpdatedObject } from './incremental-update.ts';
import { checkOcspResponse, type RevocationEvidence } from './ocsp.ts';
import { scanObjectHeaders, scanSignatureDictionaries, selectSignedDefinitions } from './pdf-signature-scan.ts';
import { fetchRevocation, type RevocationFetchOptions } from './revocation-sources.ts';
import { loadForSigning } from './signature-field.ts';
import { readTstInfo } from './timestamp-client.ts';

export interface ValidationDataOptions {
  revocation?: RevocationFetchOptions;
  /** Tolerated difference between the TSA's and the responder's clocks. @default 120000 */
  clockSkewMs?: number;
}

/** A certificate to cover, with the time its signature or timestamp is proven to exist. */
interface Leaf {
  certificate: CertificateInfo;
  poe: Date;
}

/** Adds the DSS (or extends it); returns the PDF with one more revision. */
export async function addValidationData(pdf: Uint8Array, options: ValidationDataOptions = {}): Promise<Uint8Array> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const existing = await readDss(pdf, text);
  const pool: CertificateInfo[] = [];
  const leaves: Leaf[] = [];
  for (const signature of selectSignedDefinitions(scanSignatureDictionaries(text, scanObjectHeaders(text)))) {
    if (signature.contents) collectLeaves(signature.contents, signature.subFilter === 'ETSI.RFC3161', pool, leaves);
  }
  for (const der of existing.certificates) addTo(pool, der);

  const added: DssData = { certificates: [], ocsps: [], crls: [] };
  const known = new Set([...existing.certificates, ...existing.ocsps, ...existing.crls].map(digestOf));
  const add = (list: Uint8Array[], der: Uint8Array): void => {
    const digest = digestOf(der);
    if (known.has(digest)) return;
    known.add(digest);
    list.push(der);
  };
  const skew = options.clockSkewMs ?? 120_000;
  for (const leaf of leaves) {
    for (const [subject, issuer] of chainPairs(leaf.certificate, pool)) {
      add(added.certificates, subject.der);
      if (!issuer) continue;
      add(added.certificates, issuer.der);
      const acceptable = (evidence: RevocationEvidence): boolean => evidence.status === 'revoked' || evidence.thisUpdate.getTime() >= leaf.poe.getTime() - skew;
      const evidence = embeddedEvidence(existing, subject, issuer).find(acceptable) ?? await fetchEvidence(subject, issuer, options, acceptable);
      if (!evidence) continue;
      add(evidence.source === 'ocsp' ? added.ocsps : added.crls, evidence.der);
      if (evidence.source === 'ocsp') for (const der of responderCertificates(evidence.der)) add(added.certificates, der);
    }
  }
  return writeDss(pdf, await loadForSigning(pdf), added);
}

/** Signer and TSA certificates of one signature or document timestamp, with their proof-of-existence times. */
function collectLeaves(contents: Uint8Array, isDocumentTimestamp: boolean, pool: CertificateInfo[], leaves: Leaf[]): void {
  // Only the certificates are needed here, so the content is not checked.
  const cms = verifyCms(contents, new Uint8Array(0));
  for (const der of cms.certificates) addTo(pool, der);
  const tokens = isDocumentTimestamp ? [contents] : cms.timestampTokens;
  let poe = new Date();
  for (const token of tokens) {
    const tokenCms = verifyCms(token, new Uint8Array(0));
    for (const der of tokenCms.certificates) addTo(pool, der);
    try {
      const genTime = readTstInfo(pkijs.ContentInfo.fromBER(new Uint8Array(token))).genTime;
      if (genTime < poe) poe = genTime;
      if (tokenCms.signerCertificate) leaves.push({ certificate: certificateInfo(tokenCms.signerCertificate), poe: genTime });
    } catch {
      // A token without a readable TSTInfo proves no time; its TSA is not covered.
    }
  }
  if (!isDocumentTimestamp && cms.signerCertificate) leaves.push({ certificate: certificateInfo(cms.signerCertificate), poe });
}

/** Pairs of (certificate, issuer) from `leaf` up to a self-signed certificate; the last issuer may be missing. */
function chainPairs(leaf: CertificateInfo, pool: CertificateInfo[]): [CertificateInfo, CertificateInfo | undefined][] {
  const pairs: [CertificateInfo, CertificateInfo | undefined][] = [];
  const seen = new Set<string>();
  for (let current: CertificateInfo | undefined = leaf; current && !seen.has(current.id) && pairs.length < 10;) {
    seen.add(current.id);
    if (isIssuedBy(current, current)) break;
    const subject: CertificateInfo = current;
    const issuer = pool.find((candidate) => candidate.id !== subject.id && isIssuedBy(subject, candidate));
    pairs.push([subject, issuer]);
    current = issuer;
  }
  return pairs;
}

function embeddedEvidence(dss: DssData, subject: CertificateInfo, issuer: CertificateInfo): RevocationEvidence[] {
  const found: RevocationEvidence[] = [];
  for (const der of dss.ocsps) {
    const checked = checkOcspResponse(der, subject, issuer);
    if (typeof checked !== 'string') found.push(checked);
  }
  for (const der of dss.crls) {
    const checked = checkCrl(der, subject, issuer);
    if (typeof checked !== 'string') found.push(checked);
  }
  return found;
}

async function fetchEvidence(
  subject: CertificateInfo, issuer: CertificateInfo, options: ValidationDataOptions, acceptable: (evidence: RevocationEvidence) => boolean,
): Promise<RevocationEvidence | undefined> {
  const outcome = await fetchRevocation(subject, issuer, options.revocation ?? {}, acceptable);
  if (outcome.evidence) return outcome.evidence;
  if (subject.ocspNoCheck) return undefined;
  if (outcome.hasSource) {
    throw new SijillError('signature.validation_data_unavailable', { subject: subjectLine(subject) }, { cause: new Error(outcome.failures.join('; ')) });
  }
  return undefined;
}

function responderCertificates(der: Uint8Array): Uint8Array[] {
  try {
    const response = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
    const bytes = response.responseBytes?.response.valueBlock.valueHexView;
    if (!bytes) return [];
    return (pkijs.BasicOCSPResponse.fromBER(new Uint8Array(bytes)).certs ?? []).map((certificate) => new Uint8Array(certificate.toSchema().toBER(false)));
  } catch {
    return [];
  }
}

function addTo(pool: CertificateInfo[], der: Uint8Array): void {
  try {
    const info = certificateInfo(der);
    if (!pool.some((known) => known.id === info.id)) pool.push(info);
  } catch {
    // Not a certificate: nothing to chain through.
  }
}

function digestOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Appends the streams, the new or extended DSS dictionary and, for a new DSS, the catalog. */
function writeDss(pdf: Uint8Array, document: PDFDocument, added: DssData): Uint8Array {
  const previous = readPreviousTrailer(pdf);
  const context = document.context;
  const updates: UpdatedObject[] = [];
  let next = Math.max(previous.size, context.largestObjectNumber + 1);
  const streamRefs = (list: Uint8Array[]): string[] => list.map((der) => {
    const number = next++;
    const compressed = deflateSync(der);
    const body = Buffer.concat([Buffer.from(`<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), compressed, Buffer.from('\nendstream', 'latin1')]);
    updates.push({ objectNumber: number, generation: 0, body });
    return `${number} 0 R`;
  });

  const catalog = document.catalog;
  const dssEntry = catalog.get(PDFName.of('DSS'));
  const dss = dssEntry instanceof PDFRef ? context.lookup(dssEntry) : dssEntry;
  const entries: string[] = ['/Type /DSS'];
  const keys: [string, Uint8Array[]][] = [['Certs', added.certificates], ['OCSPs', added.ocsps], ['CRLs', added.crls]];
  for (const [key, list] of keys) {
    const old = dss instanceof PDFDict ? elementsOf(context.lookup(dss.get(PDFName.of(key)))) : [];
    const all = [...old, ...streamRefs(list)];
    if (all.length > 0) entries.push(`/${key} [${all.join(' ')}]`);
  }
  if (dss instanceof PDFDict) {
    const vri = dss.get(PDFName.of('VRI'));
    if (vri) entries.push(`/VRI ${vri.toString()}`);
  }
  const dssBody = Buffer.from(`<< ${entries.join(' ')} >>`, 'latin1');
  if (dssEntry instanceof PDFRef) {
    updates.push({ objectNumber: dssEntry.objectNumber, generation: dssEntry.generationNumber, body: dssBody });
  } else {
    const dssNumber = next++;
    updates.push({ objectNumber: dssNumber, generation: 0, body: dssBody });
    const catalogRef = context.trailerInfo.Root;
    if (!(catalogRef instanceof PDFRef)) throw new Error('the trailer has no indirect /Root catalog');
    const newCatalog = catalog.clone(context);
    newCatalog.set(PDFName.of('DSS'), PDFRef.of(dssNumber));
    updates.push({ objectNumber: catalogRef.objectNumber, generation: catalogRef.generationNumber, body: Buffer.from(newCatalog.toString(), 'latin1') });
  }
  return appendIncrementalUpdate(pdf, updates, previous).bytes;
}

/** Lists the elements of a DSS array as PDF text (references); a missing entry has none. */
function elementsOf(array: PDFObject | undefined): string[] {
  return array instanceof PDFArray ? array.asArray().map((element) => element.toString()) : [];
}
