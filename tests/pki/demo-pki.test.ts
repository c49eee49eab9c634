import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createDemoPki, loadDemoSigner } from '../../src/pki/demo-pki.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-demo-pki-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('createDemoPki is idempotent', async () => {
  const first = await createDemoPki(dir, { units: [{ id: 'u1', name: 'Unit One' }], officers: [] });
  const rootPem = await readFile(path.join(dir, 'root-ca.cert.pem'), 'utf8');
  const second = await createDemoPki(dir, { units: [{ id: 'u1', name: 'Unit One' }, { id: 'u2', name: 'Unit Two' }], officers: [] });

  expect(await readFile(path.join(dir, 'root-ca.cert.pem'), 'utf8')).toBe(rootPem);
  expect(second.root.serialNumber).toBe(first.root.serialNumber);
  expect(Object.keys(second.entities.seal).sort()).toEqual(['u1', 'u2']);
});

test('seal subject keeps Arabic as UTF8String', async () => {
  await createDemoPki(dir, { units: [{ id: 'city-hall', name: 'بلدية المدينة' }], officers: [] });
  const signer = await loadDemoSigner(dir, 'seal', 'city-hall');
  const certificate = pkijs.Certificate.fromBER(signer.certificate.rawData);
  const commonName = certificate.subject.typesAndValues.find((entry) => entry.type === '2.5.4.3');

  expect(commonName?.value).toBeInstanceOf(asn1js.Utf8String);
  expect(commonName?.value.valueBlock.value).toBe('بلدية المدينة');
});

test('loadDemoSigner returns chain and usable key', async () => {
  await createDemoPki(dir, { units: [], officers: [{ id: 'o1', name: 'Officer' }], keyAlgorithm: 'ECDSA-P256' });
  const signer = await loadDemoSigner(dir, 'officer', 'o1');

  expect(signer.chain).toHaveLength(2);
  expect(signer.privateKey.algorithm.name).toBe('ECDSA');
  expect(await signer.certificate.verify({ publicKey: signer.chain[0]!.publicKey })).toBe(true);
});

test('loadDemoSigner rejects unknown id', async () => {
  await createDemoPki(dir, { units: [], officers: [] });
  await expect(loadDemoSigner(dir, 'seal', 'nowhere')).rejects.toThrow('no seal certificate for "nowhere"');
});

test('createDemoPki rejects unsafe id', async () => {
  await expect(createDemoPki(dir, { units: [{ id: '../escape', name: 'x' }], officers: [] })).rejects.toThrow('invalid demo PKI id');
});

test('loadDemoSigner reads the PKCS#12 file', async () => {
  await createDemoPki(dir, { units: [{ id: 'u1', name: 'Unit One' }], officers: [] });
  // Without the PEM key, only the .p12 can provide it.
  await rm(path.join(dir, 'seal-u1.key.pem'));
  const signer = await loadDemoSigner(dir, 'seal', 'u1');

  expect(signer.certificate.subject).toContain('Unit One');
  expect(signer.chain).toHaveLength(2);
  expect(signer.privateKey.extractable).toBe(false);
});

test('createDemoPki adds TSA to older PKI', async () => {
  await createDemoPki(dir, { units: [], officers: [] });
  const index = JSON.parse(await readFile(path.join(dir, 'pki.json'), 'utf8')) as { tsa?: string };
  delete index.tsa;
  await writeFile(path.join(dir, 'pki.json'), JSON.stringify(index));
  await createDemoPki(dir, { units: [], officers: [] });

  expect(JSON.parse(await readFile(path.join(dir, 'pki.json'), 'utf8')).tsa).toBe('tsa');
});
