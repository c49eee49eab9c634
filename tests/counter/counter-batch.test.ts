// Batch intake through inject() on a real PostgreSQL database, without
// workers: two RC-02 dossiers in one form, one of them invalid, then the
// failed one sent again on its own.
import { randomUUID } from 'node:crypto';
import { findDossierByIdempotencyKey } from '../../src/db/dossiers.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie, type FilePart } from '../web/support.ts';

let system: TestStack;
let reception: string;
let scan: Uint8Array;

beforeAll(async () => {
  system = await startTestStack({ workers: [] });
  reception = await signInCookie(system.stack.app, 'reception.ward1');
  scan = await corpusFile('scans', 'arabic-admin', 'residence-certificate.scan.jpg');
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

function block(index: number, identifier: string, key: string): Record<string, string> {
  return {
    [`d${index}.idempotencyKey`]: key,
    [`d${index}.applicantIdentifier`]: identifier,
    [`d${index}.applicantName`]: `مقدّم ${index}`,
    [`d${index}.channel`]: 'postal',
    [`d${index}.form.address`]: `حي النخيل ${index}`,
    [`d${index}.form.residentSince`]: '2015-01-01',
    [`d${index}.exception:proof-of-address`]: 'oversized',
  };
}

function scanOf(index: number): FilePart {
  return { field: `d${index}.paper:national-id`, name: `id-${index}.jpg`, bytes: scan };
}

async function postBatch(fields: Record<string, string>, files: FilePart[], headers: Record<string, string> = {}) {
  const body = await multipartBody({ procedureCode: 'RC-02', ...fields }, files);
  return system.stack.app.inject({ method: 'POST', url: '/counter/batch', headers: { cookie: reception, ...headers, ...body.headers }, payload: body.payload });
}

test('batch form has numbered blocks', async () => {
  const response = await system.stack.app.inject({ url: '/counter/batch?procedure=RC-02&count=2', headers: { cookie: reception } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('name="d1.applicantIdentifier"');
  expect(response.body).toContain('name="d2.paper:national-id" type="file" multiple');
  expect(response.body).toContain('name="d2.form.address"');
  expect(response.body).not.toContain('name="d3.');
});

test('bad block keeps others registered', async () => {
  const firstKey = randomUUID();
  const secondKey = randomUUID();
  const response = await postBatch({ ...block(1, '3000000001', firstKey), ...block(2, '!!', secondKey) }, [scanOf(1), scanOf(2)]);
  expect(response.statusCode).toBe(400);
  const first = await findDossierByIdempotencyKey(system.runtime.ctx.db, firstKey);
  expect(first?.channel).toBe('postal');
  expect(await findDossierByIdempotencyKey(system.runtime.ctx.db, secondKey)).toBeNull();
  expect(response.body).toContain(first?.reference);
  expect(response.body).toContain(`name="registered" value="1:${first?.id}"`);
  expect(response.body).toContain('id="d2.applicantIdentifier-error"');
  expect(response.body).toContain('value="حي النخيل 2"');
  expect(response.body).not.toContain('name="d1.applicantIdentifier"');

  const again = await postBatch({ registered: `1:${first?.id}`, ...block(2, '3000000002', secondKey) }, [scanOf(2)]);
  expect(again.statusCode).toBe(303);
  const second = await findDossierByIdempotencyKey(system.runtime.ctx.db, secondKey);
  expect(again.headers.location).toBe(`/counter/intake?dossier=${first?.id}&dossier=${second?.id}`);
}, 60_000);

test('upload script gets next page as JSON', async () => {
  const response = await postBatch(block(1, '3000000003', randomUUID()), [scanOf(1)], { 'x-sijill-upload': '1' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ location: expect.stringMatching(/^\/counter\/intake\?dossier=[0-9a-f-]{36}$/) });
});

test('file outside a block is rejected', async () => {
  const response = await postBatch(block(1, '3000000004', randomUUID()), [{ field: 'paper:national-id', name: 'stray.jpg', bytes: scan }]);
  expect(response.statusCode).toBe(400);
});
