// Revocation checking against live OCSP and CRL services on 127.0.0.1.
import * as pkijs from 'pkijs';
import { certificateInfo } from '../../src/signatures/certificate-info.ts';
import { buildOcspRequest } from '../../src/signatures/ocsp.ts';
import { checkPathRevocation } from '../../src/signatures/revocation.ts';
import { RevocationCache, signPdf, validatePdfSignatures, type RevocationOptions } from '../../src/signatures/index.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

let pki: ServicesPki;
let ecdsa: ServicesPki;
let pdf: Uint8Array;

beforeAll(async () => {
  pki = await createServicesPki('RSA-2048');
  ecdsa = await createServicesPki('ECDSA-P256');
  pdf = await makePdf(1);
});

afterEach(() => {
  for (const services of [pki.services, ecdsa.services]) {
    services.ocspMode = 'up';
    services.crlMode = 'up';
  }
});

afterAll(async () => {
  await pki.close();
  await ecdsa.close();
});

/** A fresh cache per validation, so that each test fetches what it means to test. */
function fresh(options: RevocationOptions = {}): RevocationOptions {
  return { cache: new RevocationCache(), timeoutMs: 2000, ...options };
}

async function validate(signed: Uint8Array, revocation: RevocationOptions = fresh(), at?: Date, target = pki) {
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [target.rootPem], revocation, ...(at ? { at } : {}) });
  return report;
}

function derOf(signer: Signer): Uint8Array[] {
  return [signer.certificate, ...signer.chain].map((certificate) => new Uint8Array(certificate.rawData));
}

test('valid signer is good by OCSP', async () => {
  const report = await validate(await signPdf(pdf, pki.valid));

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation.map((entry) => [entry.status, entry.source, entry.origin])).toEqual([['good', 'ocsp', 'fetched'], ['good', 'ocsp', 'fetched']]);
});

test('ECDSA PKI and mixed keys pass', async () => {
  const mixed = await validate(await signPdf(pdf, pki.otherAlgorithm));
  const allEcdsa = await validate(await signPdf(pdf, ecdsa.valid), fresh(), undefined, ecdsa);

  expect(mixed?.indication).toBe('TOTAL_PASSED');
  expect(allEcdsa?.indication).toBe('TOTAL_PASSED');
  expect(allEcdsa?.revocation[0]?.source).toBe('ocsp');
});

test('warm cache fetches nothing', async () => {
  const signed = await signPdf(pdf, pki.valid);
  const cache = new RevocationCache();
  await validate(signed, { cache });
  const before = { ...pki.services.requests };
  const report = await validate(signed, { cache });

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(pki.services.requests).toEqual(before);
});

test('revoked before signing gives REVOKED', async () => {
  const report = await validate(await signPdf(pdf, pki.revokedBefore));

  expect(report?.indication).toBe('TOTAL_FAILED');
  expect(report?.subIndication).toBe('REVOKED');
  expect(report?.revocation[0]?.status).toBe('revoked');
});

test('revoked after timestamp passes', async () => {
  const signer = await pki.issueSigner('Revoked After Timestamp');
  const stamped = await signPdf(pdf, signer, { tsaUrl: pki.tsa.url });
  const unstamped = await signPdf(pdf, signer);
  await new Promise((resolve) => setTimeout(resolve, 20));
  pki.revoke(signer);

  const withProof = await validate(stamped);
  const withoutProof = await validate(unstamped);

  expect(withProof?.indication).toBe('TOTAL_PASSED');
  expect(withProof?.revocation[0]?.status).toBe('revoked');
  expect(withoutProof?.indication).toBe('INDETERMINATE');
  expect(withoutProof?.subIndication).toBe('REVOKED_NO_POE');
});

test('forged OCSP good loses to CRL', async () => {
  pki.services.ocspMode = 'forged';
  const report = await validate(await signPdf(pdf, pki.revokedBefore));

  expect(report?.subIndication).toBe('REVOKED');
  expect(report?.revocation[0]?.source).toBe('crl');
});

test('PKI.js reads forged OCSP as good', async () => {
  // The trap the check above guards against: PKI.js returns the status without checking who signed it.
  pki.services.ocspMode = 'forged';
  const subject = certificateInfo(new Uint8Array(pki.revokedBefore.certificate.rawData));
  const issuer = certificateInfo(new Uint8Array(pki.issuingCa.certificate.rawData));
  const response = await fetch(pki.services.ocspUrl, { method: 'POST', body: Buffer.from(buildOcspRequest(subject, issuer)) });
  const parsed = pkijs.OCSPResponse.fromBER(await response.arrayBuffer());
  const status = await parsed.getCertificateStatus(subject.parsed, issuer.parsed);

  expect(status.status).toBe(0);
});

test('CRL used when OCSP is down', async () => {
  pki.services.ocspMode = 'down';
  const report = await validate(await signPdf(pdf, pki.valid));

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation.map((entry) => entry.source)).toEqual(['crl', 'crl']);
});

test('no reachable responder gives TRY_LATER', async () => {
  pki.services.ocspMode = 'down';
  pki.services.crlMode = 'down';
  const report = await validate(await signPdf(pdf, pki.valid));

  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('TRY_LATER');
});

test('fetching disabled gives TRY_LATER', async () => {
  const report = await validate(await signPdf(pdf, pki.valid), fresh({ fetch: false }));

  expect(report?.subIndication).toBe('TRY_LATER');
});

test('soft-fail passes without data', async () => {
  pki.services.ocspMode = 'down';
  pki.services.crlMode = 'down';
  const report = await validate(await signPdf(pdf, pki.valid), fresh({ policy: 'soft-fail' }));

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation[0]?.status).toBe('not-checked');
});

test('expired signer gives OUT_OF_BOUNDS_NO_POE', async () => {
  const report = await validate(await signPdf(pdf, pki.expired));

  expect(report?.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
});

test('wrong key usage gives CHAIN_CONSTRAINTS_FAILURE', async () => {
  const report = await validate(await signPdf(pdf, pki.wrongKeyUsage));

  expect(report?.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
});

test('path judges signer not last certificate', async () => {
  // PKI.js's chain engine validates the last certificate of its list. The CMS lists the expired
  // signer first and valid CAs after it; judging the last one would pass.
  const report = await validate(await signPdf(pdf, pki.expired));

  expect(report?.chain[0]).toContain('Expired Seal');
  expect(report?.indication).not.toBe('TOTAL_PASSED');
});

describe('freshness', () => {
  let ocsp: Uint8Array;
  let fetchedAt: Date;

  beforeAll(async () => {
    const subject = certificateInfo(new Uint8Array(pki.valid.certificate.rawData));
    const issuer = certificateInfo(new Uint8Array(pki.issuingCa.certificate.rawData));
    fetchedAt = new Date();
    const response = await fetch(pki.services.ocspUrl, { method: 'POST', body: Buffer.from(buildOcspRequest(subject, issuer)) });
    ocsp = new Uint8Array(await response.arrayBuffer());
  });

  async function check(poe: Date, at: Date) {
    return checkPathRevocation(derOf(pki.valid).slice(0, 2), {
      poe, proven: true, at, claimedSigningTime: null, embedded: { ocsps: [ocsp], crls: [] },
      options: { fetch: false, cache: new RevocationCache(), clockSkewMs: 0 },
    });
  }

  test('data issued after POE is fresh', async () => {
    const result = await check(new Date(fetchedAt.getTime() - 60_000), new Date(fetchedAt.getTime() + 5 * 3600_000));

    expect(result.findings).toEqual([]);
    expect(result.statuses[0]?.origin).toBe('embedded');
  });

  test('data issued before POE is stale', async () => {
    const result = await check(new Date(fetchedAt.getTime() + 60_000), new Date(fetchedAt.getTime() + 5 * 3600_000));

    expect(result.findings[0]?.subIndication).toBe('TRY_LATER');
  });

  test('current data covers POE before it', async () => {
    // Not issued after the POE, but still current at the validation time (before nextUpdate).
    const result = await check(new Date(fetchedAt.getTime() + 60_000), new Date(fetchedAt.getTime() + 120_000));

    expect(result.findings).toEqual([]);
  });
});
