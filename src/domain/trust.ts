// Trust anchors: the root certificates a signature must chain to. The
// deployment's store is the folder <pki>/trust (PEM files, one or more
// certificates each); the demo PKI's root is always trusted in the embedded
// default.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDemoTrustAnchors } from '../pki/demo-pki.ts';
import { parseCertificates } from '../pki/signer.ts';
import type * as x509 from '../pki/x509.ts';

export async function loadTrustAnchors(ctx: { pkiDir: string }): Promise<x509.X509Certificate[]> {
  const anchors: x509.X509Certificate[] = await loadDemoTrustAnchors(ctx.pkiDir).catch(() => []);
  const trustDir = path.join(ctx.pkiDir, 'trust');
  const files = await readdir(trustDir).catch(() => [] as string[]);
  for (const file of files.filter((name) => name.endsWith('.pem')).sort()) {
    anchors.push(...parseCertificates(await readFile(path.join(trustDir, file), 'utf8')));
  }
  return anchors;
}
