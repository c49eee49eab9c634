// A time-stamping authority (TSA, RFC 3161) for tests, listening on
// 127.0.0.1 only, with a certificate issued by the given CA. The TSA can be
// switched to reject requests or to respond with a token over other data, to
// test how signing and validation react. The OCSP responder and CRL endpoint
// are in revocation-services.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';
import './crypto.ts';
import { issueCertificate, type Issuer } from './certificates.ts';
import { keyAlgorithmOf } from './crypto.ts';
import { createTimestampResponse, type TsaMode } from './timestamp-authority.ts';
import type * as x509 from './x509.ts';

export type { TsaMode } from './timestamp-authority.ts';

export interface TestTsa {
  url: string;
  certificate: x509.X509Certificate;
  mode: TsaMode;
  /** Time written as genTime. @default now */
  clock: () => Date;
  requests: number;
  close(): Promise<void>;
}

/** Starts a TSA on 127.0.0.1 with a new time-stamping certificate issued by `issuer`. */
export async function startTestTsa(issuer: Issuer): Promise<TestTsa> {
  const now = Date.now();
  const issued = await issueCertificate({
    subject: { commonName: 'Sijill Test TSA', organization: 'Sijill Test' },
    profile: 'tsa',
    keyAlgorithm: keyAlgorithmOf(issuer.certificate),
    issuer,
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 5 * 365 * 86400_000),
  });
  const chain = [pkijs.Certificate.fromBER(issued.certificate.rawData), pkijs.Certificate.fromBER(issuer.certificate.rawData)];

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      tsa.requests += 1;
      createTimestampResponse(Buffer.concat(chunks), { privateKey: issued.keys.privateKey, chain, genTime: tsa.clock(), mode: tsa.mode }).then(
        (body) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        (err: Error) => response.writeHead(400, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate: issued.certificate,
    mode: 'granted',
    clock: () => new Date(),
    requests: 0,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  return tsa;
}

