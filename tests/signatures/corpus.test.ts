// The signed PDFs of ../shared/corpus/signatures, each checked against the
// result its MANIFEST.md states (the source project's own test), or against
// a stricter result whose reason is written beside the assertion.
import { readFile } from 'node:fs/promises';
import { validatePdfSignatures, type RevocationPolicy, type SignatureReport } from '../../src/signatures/index.ts';

const corpus = '../shared/corpus/signatures';
const pyhankoAt = new Date('2020-11-01T00:00:00Z');
let pyhankoRoot: string;

beforeAll(async () => {
  pyhankoRoot = await readFile(`${corpus}/pyhanko/trust/testing-ca-root.cert.pem`, 'utf8');
});

async function validateDss(name: string): Promise<SignatureReport[]> {
  // DSS runs these offline without trust anchors; so do we.
  return validatePdfSignatures(await readFile(`${corpus}/esig-dss/${name}`), { trustAnchors: [] });
}

/** Validates offline: the test CA's revocation URLs name hosts that tests must not contact. */
async function validatePyhanko(name: string, policy: RevocationPolicy = 'hard-fail'): Promise<SignatureReport[]> {
  return validatePdfSignatures(await readFile(`${corpus}/pyhanko/${name}`), { trustAnchors: [pyhankoRoot], at: pyhankoAt, revocation: { fetch: false, policy } });
}

function expectIntact(report: SignatureReport | undefined): void {
  expect(report?.byteRangeValid).toBe(true);
  expect(report?.digestMatches).toBe(true);
  expect(report?.signatureValid).toBe(true);
  expect(report?.indication).not.toBe('TOTAL_FAILED');
}

describe('esig-dss', () => {
  test('original signature intact', async () => {
    const reports = await validateDss('pdf-signed-original.pdf');
    expect(reports).toHaveLength(1);
    expectIntact(reports[0]);
    expect(reports[0]?.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  test('corrupted gives HASH_FAILURE', async () => {
    const [report] = await validateDss('pdf-signed-corrupted.pdf');
    expect(report?.indication).toBe('TOTAL_FAILED');
    expect(report?.subIndication).toBe('HASH_FAILURE');
  });

  test('out of byte range fails', async () => {
    const [report] = await validateDss('pdf-signed-out-of-byteRange.pdf');
    expect(report?.indication).toBe('TOTAL_FAILED');
    expect(report?.byteRangeValid).toBe(false);
  });

  test('added page gives FORMAT_FAILURE', async () => {
    const [report] = await validateDss('pdf-signed-added-page.pdf');
    expect(report?.indication).toBe('TOTAL_FAILED');
    expect(report?.subIndication).toBe('FORMAT_FAILURE');
    expect(report?.changes.pageCountChanged).toBe(true);
    expect(report?.digestMatches).toBe(true);
  });

  test('PAdES-BES intact', async () => {
    const reports = await validateDss('pades-bes.pdf');
    expect(reports).toHaveLength(1);
    expectIntact(reports[0]);
  });

  test('PAdES LTV signature and timestamps intact', async () => {
    const reports = await validateDss('pades-ltv.pdf');
    expect(reports.map((report) => report.kind)).toEqual(['signature', 'document-timestamp', 'document-timestamp']);
    for (const report of reports) expectIntact(report);
    expect(reports[0]?.changes.kinds).toEqual(expect.arrayContaining(['dss', 'document-timestamp']));
  });

  test('QC LTA with doc timestamps intact', async () => {
    const reports = await validateDss('dss-2058-QC-LTA-test.pdf');
    expect(reports.map((report) => report.kind)).toEqual(['signature', 'signature', 'document-timestamp']);
    for (const report of reports) expectIntact(report);
  });

  test('five signatures with unsorted attributes', async () => {
    const reports = await validateDss('pades-5-signatures-and-1-document-timestamp.pdf');
    expect(reports).toHaveLength(6);
    // Stricter than DSS: these five CMS signatures carry signed attributes whose SET OF is not in
    // DER order. RFC 5652 signs the DER encoding, so we report HASH_FAILURE, as the ETSI plugtest
    // expects for Signature-P-DE_CRY-2 below (NSS and pdfsig accept the original encoding).
    for (const report of reports.slice(0, 5)) {
      expect(report.indication).toBe('TOTAL_FAILED');
      expect(report.subIndication).toBe('HASH_FAILURE');
      expect(report.findings[0]?.reason).toContain('not DER-encoded');
    }
    expect(reports[5]?.kind).toBe('document-timestamp');
    expectIntact(reports[5]);
  });

  test('edited after incremental save', async () => {
    const reports = await validateDss('hello_signed_INCSAVE_signed_EDITED.pdf');
    expect(reports).toHaveLength(2);
    const failed = reports.filter((report) => report.indication === 'TOTAL_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.byteRangeValid).toBe(false);
    const other = reports.find((report) => report.indication !== 'TOTAL_FAILED');
    expect(other?.digestMatches).toBe(true);
    expect(other?.signatureValid).toBe(true);
    // Stricter than DSS: its signer has a 1024-bit RSA key, below the 2048 bits we accept.
    expect(other?.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
  });

  test('spoofed reason gives FORMAT_FAILURE', async () => {
    const [report] = await validateDss('pades-spoofing-replaced-reason.pdf');
    expect(report?.indication).toBe('TOTAL_FAILED');
    expect(report?.subIndication).toBe('FORMAT_FAILURE');
    expect(report?.changes.kinds).toContain('signature-dictionary');
    expect(report?.digestMatches).toBe(true);
  });

  test('annotation added after signing', async () => {
    const [report] = await validateDss('pades-signed-annot-added.pdf');
    expectIntact(report);
    expect(report?.changes.kinds).toContain('annotation');
    expect(report?.changes.kinds).not.toContain('signature-dictionary');
  });

  test('form filled after signing', async () => {
    const reports = await validateDss('pades-signed-filled-form.pdf');
    const signature = reports.find((report) => report.fieldName === 'Signature1');
    expectIntact(signature);
    expect(signature?.changes.kinds).toContain('form-fill');
    expect(signature?.changes.kinds).not.toContain('annotation');
    // The other signature is Adobe's usage-rights signature (SHA-1), found under /Perms.
    const usageRights = reports.find((report) => report.fieldName === '/Perms/UR3');
    expect(usageRights?.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
  });

  test('certification signature intact', async () => {
    const reports = await validateDss('certified-no-change-permitted.pdf');
    expect(reports).toHaveLength(1);
    expectIntact(reports[0]);
    expect(reports[0]?.changes.appended).toBe(false);
  });

  test('end-entity issuer gives chain failure', async () => {
    const [report] = await validateDss('self-issued-qesig.pdf');
    expect(report?.indication).toBe('INDETERMINATE');
    // Without the LuxTrust anchor the first finding is the missing anchor; the EE issuer is still reported.
    expect(report?.findings.map((finding) => finding.subIndication)).toContain('CERTIFICATE_CHAIN_GENERAL_FAILURE');
  });

  test('plugtest DE_CRY-2 gives HASH_FAILURE', async () => {
    const [report] = await validateDss('Signature-P-DE_CRY-2_HASH_FAILURE.pdf');
    expect(report?.indication).toBe('TOTAL_FAILED');
    expect(report?.subIndication).toBe('HASH_FAILURE');
  });

  test('plain ECDSA signature intact', async () => {
    const [report] = await validateDss('TeleSec_PKS_eIDAS_QES_CA_1-baseline-b.pdf');
    expectIntact(report);
    expect(report?.signatureAlgorithm).toBe('plain ECDSA with sha256');
  });

  test('legacy pkcs7 with timestamp intact', async () => {
    const [report] = await validateDss('pkcs7.pdf');
    expectIntact(report);
    expect(report?.subFilter).toBe('adbe.pkcs7.detached');
    expect(report?.timestamp?.genTime).toMatch(/^20\d\d-/);
  });
});

describe('pyhanko', () => {
  test('two Adobe signatures intact', async () => {
    // Signed by an untrusted self-made CA, as in pyHanko's test.
    const reports = await validatePdfSignatures(await readFile(`${corpus}/pyhanko/minimal-two-fields-signed-twice.pdf`), { trustAnchors: [], at: new Date('2021-01-05T00:00:00Z') });
    expect(reports).toHaveLength(2);
    for (const report of reports) expectIntact(report);
    const first = reports.find((report) => report.changes.appended);
    expect(first?.changes.allowed).toBe(true);
  });

  test('LTA with indirect DSS arrays passes', async () => {
    const reports = await validatePyhanko('pades-lta-dss-indirect-arrs-test.pdf');
    expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(reports[0]?.changes.kinds).not.toContain('other');
    // Offline: the OCSP response and CRL in its DSS give every status.
    expect(reports[0]?.revocation.map((entry) => [entry.status, entry.origin])).toEqual([['good', 'embedded'], ['good', 'embedded']]);
  });

  test('certified with indirect refs passes', async () => {
    // pyHanko's test validates without revocation checking; the file carries no revocation data.
    const [report] = await validatePyhanko('certified-with-indirect-refs-in-dir.pdf', 'soft-fail');
    expect(report?.indication).toBe('TOTAL_PASSED');
    const [strict] = await validatePyhanko('certified-with-indirect-refs-in-dir.pdf');
    expect(strict?.subIndication).toBe('TRY_LATER');
  });

  test('no signed attributes passes', async () => {
    const [report] = await validatePyhanko('sig-no-signed-attrs.pdf', 'soft-fail');
    expect(report?.indication).toBe('TOTAL_PASSED');
    expect(report?.hasSignedAttributes).toBe(false);
  });

  test('Ed448 with disallowed hash', async () => {
    const [report] = await validatePyhanko('ed448-disallowed-hash.pdf');
    expect(report?.indication).toBe('INDETERMINATE');
    expect(report?.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
  });
});
