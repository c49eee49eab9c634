import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobNotFoundError, LocalBlobStore } from '../../src/storage/blob-store.ts';

let root: string;
let store: LocalBlobStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sijill-blobs-'));
  store = new LocalBlobStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytes = new TextEncoder().encode('شهادة إقامة 2026/4471');
const expectedKey = createHash('sha256').update(bytes).digest('hex');

test('put stores under sha256 fan-out path', async () => {
  const stored = await store.put(bytes);

  expect(stored).toEqual({ sha256: expectedKey, byteSize: bytes.byteLength });
  expect(store.pathOf(expectedKey)).toBe(path.join(root, expectedKey.slice(0, 2), expectedKey.slice(2, 4), expectedKey));
  expect(new Uint8Array(await readFile(store.pathOf(expectedKey)))).toEqual(bytes);
});

test('get and has round trip', async () => {
  await store.put(bytes);

  expect(await store.has(expectedKey)).toBe(true);
  expect(await store.get(expectedKey)).toEqual(bytes);
});

test('put of existing object keeps the file', async () => {
  await store.put(bytes);
  const before = await stat(store.pathOf(expectedKey));

  await store.put(bytes);

  const after = await stat(store.pathOf(expectedKey));
  expect(after.ino).toBe(before.ino);
  expect(after.mtimeMs).toBe(before.mtimeMs);
});

test('concurrent puts of same bytes', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));

  expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([expectedKey]));
  expect(await store.get(expectedKey)).toEqual(bytes);
  expect((await stat(store.pathOf(expectedKey))).nlink).toBe(1);
  expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
});

test('put leaves no temporary files', async () => {
  await store.put(bytes);
  await store.put(new Uint8Array(0));

  expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
});

test('get of unknown key', async () => {
  const unknown = '0'.repeat(64);

  expect(await store.has(unknown)).toBe(false);
  await expect(store.get(unknown)).rejects.toBeInstanceOf(BlobNotFoundError);
});

test('keys that are not sha256 are rejected', async () => {
  for (const key of ['../../etc/passwd', 'ABCDEF'.padEnd(64, '0'), expectedKey.slice(1), `${expectedKey}/x`]) {
    expect(() => store.pathOf(key)).toThrow(TypeError);
    await expect(store.get(key)).rejects.toThrow(TypeError);
  }
});
