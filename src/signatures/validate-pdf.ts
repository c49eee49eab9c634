// Validation of every signature and document timestamp in a PDF, one report
// each (see report.ts for the indications and the order of checks). Work is
// bounded for hostile input by a size limit, at most `maxSignatures`
// signatures, and capped dictionary and object stream reads. A file that
// cannot be understood gets FORMAT_FAILURE instead of an exception.
import { createHash } from 'node:crypto';
import { PDFContext, PDFDict, PDFDocument, ParseSpeeds, PDFHexString, PDFName, PDFObjectParser, PDFRef, PDFString } from 'pdf-lib';
import * as x509 from '../pki/x509.ts';
import { analyzeChanges } from './changes.ts';
import { buildCertificatePath, subjectOf, summarizeCertificate } from './certificate-path.ts';
import { verifyCms } from './cms-verify.ts';
import { listFormFields } from './pdf-fields.ts';
import { scanObjectHeaders, scanSignatureDictionaries, selectSignedDefinitions, type ObjectHeader, type SignatureDictionary } from './pdf-signature-scan.ts';
import { decodePdfText, parsePdfDate } from './pdf-text.ts';
import { decideIndication, type Finding, type SignatureReport } from './report.ts';
import { verifyTimestampToken } from './timestamp-verify.ts';
import { trustAnchorsToDer, type TrustAnchor } from './trust-anchors.ts';
import { readDss, type DssData } from './dss-read.ts';
import { checkPathRevocation, type RevocationOptions } from './revocation.ts';

export interface ValidatePdfOptions {
  /** Certificates trusted as roots of signer and TSA paths. */
  trustAnchors: TrustAnchor[];
  /** Validation time when no valid signature timestamp proves an earlier one. @default now */
  at?: Date;
  /** Larger files are not parsed. @default 256 MiB */
  maxBytes?: number;
  /** Revocation policy and sources (see revocation.ts). @default hard-fail, fetching with a 5 s timeout */
  revocation?: RevocationOptions;
  /**
   * Certificate policy OIDs a signer certificate must carry one of
   * (CHAIN_CONSTRAINTS_FAILURE otherwise). Empty or absent: any policy, or
   * none. Timestamp and CA certificates are not checked.
   */
  signerPolicies?: string[];
}

const defaultMaxBytes = 256 * 1024 * 1024;

/** Inputs shared by the validations of every signature of one file. */
interface FileContext {
  pdf: Uint8Array;
  text: string;
  headers: ObjectHeader[];
  anchors: Uint8Array[];
  at: Date;
  dss: DssData;
  revocation: RevocationOptions;
  /** Valid document timestamps: the end of the bytes each covers, and its time. */
  documentTimestamps: { coversUpTo: number; genTime: Date }[];
  signerPolicies: string[];
}

/** Validates the signatures of `pdf`; a PDF without signatures returns []. */
export async function validatePdfSignatures(pdf: Uint8Array, options: ValidatePdfOptions): Promise<SignatureReport[]> {
  const at = options.at ?? new Date();
  if (pdf.length > (options.maxBytes ?? defaultMaxBytes)) {
    return [unreadableReport(at, `the file is ${pdf.length} bytes, more than the ${options.maxBytes ?? defaultMaxBytes} accepted`)];
  }
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.includes('/ByteRange')) return [];

  const headers = scanObjectHeaders(text);
  const signatures = selectSignedDefinitions(scanSignatureDictionaries(text, headers));
  const fieldNames = await readSignatureFieldNames(pdf, text, signatures);
  const file: FileContext = {
    pdf, text, headers, at, anchors: trustAnchorsToDer(options.trustAnchors), dss: await readDss(pdf, text),
    revocation: options.revocation ?? {}, documentTimestamps: [], signerPolicies: options.signerPolicies ?? [],
  };
  // Document timestamps first (latest first), so that each can serve as proof of existence for what it covers.
  const isTimestamp = (signature: SignatureDictionary): boolean => signature.subFilter === 'ETSI.RFC3161' || signature.type === 'DocTimeStamp';
  const order = [...signatures.filter(isTimestamp).reverse(), ...signatures.filter((signature) => !isTimestamp(signature))];
  const reports = new Map<SignatureDictionary, SignatureReport>();
  for (const signature of order) {
    const fieldName = fieldNames.get(signature.objectNumber) ?? null;
    try {
      const report = await validateSignature(file, signature, fieldName);
      reports.set(signature, report);
      const end = signature.byteRange ? (signature.byteRange[2] ?? 0) + (signature.byteRange[3] ?? 0) : 0;
      if (report.kind === 'document-timestamp' && report.indication === 'TOTAL_PASSED' && report.timestamp?.genTime) {
        file.documentTimestamps.push({ coversUpTo: end, genTime: new Date(report.timestamp.genTime) });
      }
    } catch (err) {
      reports.set(signature, unreadableReport(at, `validation stopped on malformed data: ${(err as Error).message}`, fieldName));
    }
  }
  return signatures.map((signature) => reports.get(signature) as SignatureReport);
}

async function validateSignature(file: FileContext, signature: SignatureDictionary, fieldName: string | null): Promise<SignatureReport> {
  const { pdf, text, headers, anchors, at } = file;
  const isDocumentTimestamp = signature.subFilter === 'ETSI.RFC3161' || signature.type === 'DocTimeStamp';
  const report: SignatureReport = {
    fieldName, kind: isDocumentTimestamp ? 'document-timestamp' : 'signature', subFilter: signature.subFilter,
    byteRange: signature.byteRange, byteRangeValid: false, digestMatches: null, signatureValid: null, hasSignedAttributes: null,
    digestAlgorithm: null, signatureAlgorithm: null, signer: null, chain: [], chainTrusted: false, keyUsageValid: null,
    claimedSigningTime: null, validationTime: at.toISOString(), timestamp: null, revocation: [], reason: signature.reason, location: signature.location,
    changes: { appended: false, revisions: 0, kinds: [], pageCountChanged: false, allowed: true }, indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE', findings: [],
  };
  const findings: Finding[] = [];
  const finish = (): SignatureReport => {
    report.findings = findings;
    Object.assign(report, decideIndication(findings));
    return report;
  };

  const shape = checkByteRange(text, signature);
  report.byteRangeValid = shape.valid;
  if (!shape.valid) findings.push({ subIndication: shape.subIndication ?? 'FORMAT_FAILURE', reason: shape.reason });
  if (!shape.usable || !signature.contents || !signature.byteRange) {
    if (!signature.contents) findings.push({ subIndication: 'FORMAT_FAILURE', reason: 'the signature dictionary has no /Contents string' });
    return finish();
  }
  const [, firstLength = 0, secondStart = 0, secondLength = 0] = signature.byteRange;
  // subarray clamps at the end of the file, so a truncated file yields fewer bytes and a digest mismatch.
  const signed = Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]);
  const contents = signature.contents;

  let validationTime = at;
  let cms;
  if (isDocumentTimestamp) {
    const stamp = verifyTimestampToken(contents, signed, anchors, at);
    cms = stamp.cms;
    report.timestamp = stamp.summary;
    findings.push(...stamp.findings.filter((finding) => !isPathFinding(finding)));
    if (stamp.genTime) validationTime = stamp.genTime;
  } else if (signature.subFilter === 'ETSI.CAdES.detached' || signature.subFilter === 'adbe.pkcs7.detached') {
    cms = verifyCms(contents, signed);
    findings.push(...cms.findings);
    for (const token of cms.timestampTokens) {
      if (!cms.signatureValue) break;
      const stamp = verifyTimestampToken(token, cms.signatureValue, anchors, at);
      report.timestamp = stamp.summary;
      if (stamp.summary.valid && stamp.genTime) {
        validationTime = stamp.genTime;
        break;
      }
    }
  } else if (signature.subFilter === 'adbe.pkcs7.sha1') {
    cms = verifyCms(contents, null);
    findings.push(...cms.findings);
    const matches = cms.encapsulatedContent !== null && Buffer.from(cms.encapsulatedContent).equals(createHash('sha1').update(signed).digest());
    if (!matches) findings.unshift({ subIndication: 'HASH_FAILURE', reason: 'the SHA-1 digest inside the adbe.pkcs7.sha1 signature does not match the document' });
  } else {
    findings.push({ subIndication: 'FORMAT_FAILURE', reason: `unsupported /SubFilter ${signature.subFilter ?? '(none)'}` });
    return finish();
  }

  report.hasSignedAttributes = cms.hasSignedAttributes;
  report.digestAlgorithm = cms.digestAlgorithm;
  report.signatureAlgorithm = cms.signatureAlgorithm;
  report.digestMatches = cms.digestMatches;
  report.signatureValid = cms.signatureValid;
  const claimed = (signature.signingTime ? parsePdfDate(signature.signingTime) : undefined) ?? cms.signingTime ?? undefined;
  report.claimedSigningTime = claimed?.toISOString() ?? null;
  const signedRevisionEnd = secondStart + secondLength;
  const proofs = file.documentTimestamps.filter((stamp) => stamp.coversUpTo >= signedRevisionEnd && stamp.genTime < validationTime);
  const proven = validationTime < at || proofs.length > 0;
  for (const proof of proofs) validationTime = proof.genTime;
  report.validationTime = validationTime.toISOString();

  const changes = analyzeChanges(text, headers, secondStart + secondLength, signature.objectNumber, signature.docMdpPermission);
  report.changes = changes.changes;
  findings.push(...changes.findings);

  if (cms.signerCertificate) {
    report.signer = summarizeCertificate(cms.signerCertificate);
    const path = buildCertificatePath(cms.signerCertificate, [...cms.certificates, ...file.dss.certificates], anchors, validationTime);
    report.chain = path.certificates.map((cert) => subjectOf(cert));
    report.chainTrusted = path.trusted;
    report.keyUsageValid = isDocumentTimestamp ? null : path.keyUsageValid;
    findings.push(...path.findings.filter((finding) => !isDocumentTimestamp || finding.subIndication !== 'CHAIN_CONSTRAINTS_FAILURE'));
    if (!isDocumentTimestamp) {
      const policyFinding = checkSignerPolicies(cms.signerCertificate, file.signerPolicies);
      if (policyFinding) findings.push(policyFinding);
    }
    // Revocation is checked only for a path that passed every other check, so nothing is fetched for a signature already decided.
    if (path.trusted && findings.length === 0) {
      const revocation = await checkPathRevocation(path.certificates.map((cert) => new Uint8Array(cert.raw)), {
        poe: validationTime, proven, at, claimedSigningTime: claimed ?? null,
        embedded: { ocsps: [...file.dss.ocsps, ...cms.revocationValues.ocsps], crls: [...file.dss.crls, ...cms.revocationValues.crls] },
        // The latest document timestamp of a B-LTA file cannot carry its own TSA's revocation data, so a
        // TSA certificate fails only on evidence of revocation, never for lack of data.
        options: isDocumentTimestamp ? { ...file.revocation, policy: 'soft-fail' } : file.revocation,
      });
      report.revocation = revocation.statuses;
      findings.push(...revocation.findings);
    }
  }
  return finish();
}

function isPathFinding(finding: Finding): boolean {
  return ['NO_CERTIFICATE_CHAIN_FOUND', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'CHAIN_CONSTRAINTS_FAILURE', 'OUT_OF_BOUNDS_NO_POE', 'NOT_YET_VALID'].includes(finding.subIndication);
}

interface ByteRangeShape {
  valid: boolean;
  /** Sub-indication when not valid. @default 'FORMAT_FAILURE' */
  subIndication?: 'FORMAT_FAILURE' | 'HASH_FAILURE';
  /** The ranges lie inside the file, so a digest can still be computed. */
  usable: boolean;
  reason: string;
}

/**
 * Checks that /ByteRange is [0 a b c] with the gap [a, b) exactly this
 * dictionary's /Contents string, the dictionary inside the signed bytes,
 * and b + c at the end of a revision (`%%EOF`).
 */
function checkByteRange(text: string, signature: SignatureDictionary): ByteRangeShape {
  const range = signature.byteRange;
  if (!range || range.length !== 4) return { valid: false, usable: false, reason: 'the /ByteRange is missing or does not have two ranges' };
  const [start = 0, firstLength = 0, secondStart = 0, secondLength = 0] = range;
  const end = secondStart + secondLength;
  if (start !== 0 || firstLength <= 0 || secondStart <= firstLength) {
    return { valid: false, usable: false, reason: `the /ByteRange [${range.join(' ')}] is not two ascending ranges starting at 0` };
  }
  if (end > text.length) {
    // The signed bytes are no longer all there: the file was cut or bytes were removed after signing.
    return { valid: false, usable: true, subIndication: 'HASH_FAILURE', reason: `the /ByteRange [${range.join(' ')}] reaches past the end of the file (${text.length} bytes)` };
  }
  if (firstLength !== signature.contentsStart || secondStart !== signature.contentsEnd) {
    return { valid: false, usable: true, reason: 'the gap in the /ByteRange is not exactly this signature\'s /Contents' };
  }
  if (signature.offset >= firstLength || signature.end > end) {
    return { valid: false, usable: true, reason: 'the signature dictionary is not inside the signed bytes' };
  }
  if (!/%%EOF\s*$/.test(text.slice(Math.max(0, end - 64), end))) {
    return { valid: false, usable: true, reason: 'the signed bytes do not end at the end of a revision (%%EOF)' };
  }
  return { valid: true, usable: true, reason: '' };
}

/**
 * Maps signature dictionary object numbers to their field names. The fast
 * path reads plain (uncompressed) field objects that name the signature in
 * /V and have their own /T and no /Parent, which is what signers write. Any
 * other form is walked with pdf-lib, whose full load costs most of a
 * validation. An unreadable form yields no names.
 */
async function readSignatureFieldNames(pdf: Uint8Array, text: string, signatures: SignatureDictionary[]): Promise<Map<number, string>> {
  if (!text.includes('/Perms')) {
    const names = readPlainFieldNames(text, signatures);
    if (names) return names;
  }
  return readFieldNamesWithPdfLib(pdf);
}

function readPlainFieldNames(text: string, signatures: SignatureDictionary[]): Map<number, string> | undefined {
  const names = new Map<number, string>();
  const context = PDFContext.create();
  for (const signature of signatures) {
    const match = new RegExp(`/V\\s+${signature.objectNumber}\\s+0\\s+R\\b`).exec(text);
    if (!match) return undefined;
    const objectStart = text.lastIndexOf(' obj', match.index);
    const endAt = text.indexOf('endobj', match.index);
    const header = /(\d+)\s+(\d+)\s*$/.exec(text.slice(Math.max(0, objectStart - 24), objectStart));
    if (objectStart < 0 || endAt < 0 || !header || text.lastIndexOf('endobj', match.index) > objectStart) return undefined;
    let dict;
    try {
      dict = PDFObjectParser.forBytes(Buffer.from(text.slice(objectStart + 4, endAt), 'latin1'), context).parseObject();
    } catch {
      return undefined;
    }
    if (!(dict instanceof PDFDict) || dict.has(PDFName.of('Parent'))) return undefined;
    const title = dict.get(PDFName.of('T'));
    if (!(title instanceof PDFString || title instanceof PDFHexString)) return undefined;
    names.set(signature.objectNumber, decodePdfText(title.asBytes()));
  }
  return names;
}

async function readFieldNamesWithPdfLib(pdf: Uint8Array): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  try {
    const document = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
    for (const field of listFormFields(document.context, document.catalog)) {
      if (field.valueObjectNumber !== undefined) names.set(field.valueObjectNumber, field.name);
    }
    // Usage-rights signatures (Adobe Reader extensions) hang off /Perms, not off a form field.
    const perms = document.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
    for (const key of ['UR3', 'UR']) {
      const ref = perms?.get(PDFName.of(key));
      if (ref instanceof PDFRef && !names.has(ref.objectNumber)) names.set(ref.objectNumber, `/Perms/${key}`);
    }
  } catch {
    // Field names are informative only; the signatures are still validated.
  }
  return names;
}

function unreadableReport(at: Date, reason: string, fieldName: string | null = null): SignatureReport {
  return {
    fieldName, kind: 'signature', subFilter: null, byteRange: null, byteRangeValid: false, digestMatches: null, signatureValid: null,
    hasSignedAttributes: null, digestAlgorithm: null, signatureAlgorithm: null, signer: null, chain: [], chainTrusted: false,
    keyUsageValid: null, claimedSigningTime: null, validationTime: at.toISOString(), timestamp: null, revocation: [], reason: null, location: null,
    changes: { appended: false, revisions: 0, kinds: [], pageCountChanged: false, allowed: true },
    indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', findings: [{ subIndication: 'FORMAT_FAILURE', reason }],
  };
}


/** Returns a finding when policies are required and the signer certificate carries none of them. */
function checkSignerPolicies(signer: Uint8Array, accepted: string[]): Finding | undefined {
  if (accepted.length === 0) return undefined;
  const carried = new x509.X509Certificate(new Uint8Array(signer)).getExtension(x509.CertificatePolicyExtension)?.policies ?? [];
  if (carried.some((policy) => accepted.includes(policy))) return undefined;
  return {
    subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    reason: `the signer certificate carries none of the accepted certificate policies (${accepted.join(', ')}); it carries ${carried.length > 0 ? carried.join(', ') : 'none'}`,
  };
}
