// Test fixtures for signatures: throwaway demo PKIs in temporary folders and
// small PDFs made with pdf-lib.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { KeyAlgorithmName } from '../../src/pki/crypto.ts';
import { createDemoPki, loadDemoSigner, type DemoPki } from '../../src/pki/demo-pki.ts';
import type { LocalSigner } from '../../src/pki/signer.ts';

export interface TestPki {
  pki: DemoPki;
  seal: LocalSigner;
  officer: LocalSigner;
  /** PEM of the root, the trust anchor. */
  rootPem: string;
  remove(): Promise<void>;
}

/** Creates a demo PKI with one unit (Arabic name) and one officer in a temporary folder. */
export async function createTestPki(keyAlgorithm: KeyAlgorithmName = 'RSA-2048', organization = 'Sijill Test City'): Promise<TestPki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sijill-pki-'));
  const pki = await createDemoPki(dir, {
    units: [{ id: 'city-hall', name: 'بلدية المدينة' }],
    officers: [{ id: 'approver', name: 'Amina Haddad', unitName: 'Licensing' }],
    keyAlgorithm,
    organization,
  });
  return {
    pki,
    seal: await loadDemoSigner(dir, 'seal', 'city-hall'),
    officer: await loadDemoSigner(dir, 'officer', 'approver'),
    rootPem: pki.root.toString('pem'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Builds a PDF with `pages` pages of text, without object streams unless requested. */
export async function makePdf(pages = 1, options: { objectStreams?: boolean } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = document.addPage([595, 842]);
    page.drawText(`Sijill test page ${i + 1}: Hello`, { x: 50, y: 780, size: 14, font });
  }
  return document.save({ useObjectStreams: options.objectStreams ?? false });
}
