// An OCSP responder and a CRL endpoint for tests, on one HTTP server on
// 127.0.0.1 (port chosen at start). Start it first, then issue certificates
// whose AIA and CRL distribution points name `ocspUrl` and `crlUrl(id)`.
// Each mode lets a test make the services misbehave: down (HTTP 503), or an
// OCSP responder whose answers are signed by a certificate no CA authorised.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Issuer } from './certificates.ts';
import { createCrl, createOcspResponse, type RevocationAuthority } from './revocation-responder.ts';
import type * as x509 from './x509.ts';

/** `up`: correct answers; `down`: HTTP 503; `forged`: OCSP says good for everything, signed by `forgedResponder`. */
export type RevocationServiceMode = 'up' | 'down' | 'forged';

export interface RevocationServices {
  ocspUrl: string;
  /** URL of the CRL of the authority registered as `id`. */
  crlUrl(id: string): string;
  /** Registers a CA (and its delegated OCSP responder); its CRL is served at crlUrl(id) and the responder answers for it. */
  addAuthority(id: string, ca: Issuer, responder?: Issuer): void;
  /** Records that `certificate` (issued by authority `id`) was revoked at `at`. */
  revoke(id: string, certificate: x509.X509Certificate, at: Date, reason?: number): void;
  /** Signs answers in `forged` mode. */
  forgedResponder?: Issuer;
  ocspMode: RevocationServiceMode;
  crlMode: Exclude<RevocationServiceMode, 'forged'>;
  /** Requests served, by kind. */
  requests: { ocsp: number; crl: number };
  close(): Promise<void>;
}

/** Starts the OCSP responder and CRL endpoint on 127.0.0.1. */
export async function startRevocationServices(): Promise<RevocationServices> {
  const authorities = new Map<string, RevocationAuthority>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(request.method ?? 'GET', request.url ?? '/', Buffer.concat(chunks)).then(
        ({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body),
        (err: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
  });

  const answer = async (method: string, url: string, body: Buffer): Promise<{ status: number; type: string; body: Uint8Array | string }> => {
    if (url.startsWith('/ocsp')) {
      services.requests.ocsp += 1;
      if (services.ocspMode === 'down') return { status: 503, type: 'text/plain', body: 'responder down' };
      const der = method === 'POST' ? body : Buffer.from(decodeURIComponent(url.slice('/ocsp/'.length)), 'base64');
      const forged = services.ocspMode === 'forged';
      const responder = forged ? services.forgedResponder : undefined;
      const reply = await createOcspResponse(der, { authorities: [...authorities.values()], alwaysGood: forged, ...(responder ? { responder } : {}) });
      return { status: 200, type: 'application/ocsp-response', body: reply };
    }
    const crlMatch = /^\/crl\/([\w-]+)\.crl$/.exec(url);
    const authority = crlMatch?.[1] ? authorities.get(crlMatch[1]) : undefined;
    if (authority) {
      services.requests.crl += 1;
      if (services.crlMode === 'down') return { status: 503, type: 'text/plain', body: 'CRL endpoint down' };
      return { status: 200, type: 'application/pkix-crl', body: await createCrl(authority) };
    }
    return { status: 404, type: 'text/plain', body: 'not found' };
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services: RevocationServices = {
    ocspUrl: `${base}/ocsp`,
    crlUrl: (id) => `${base}/crl/${id}.crl`,
    addAuthority(id, ca, responder) {
      authorities.set(id, { ca, revoked: [], ...(responder ? { responder } : {}) });
    },
    revoke(id, certificate, at, reason) {
      const authority = authorities.get(id);
      if (!authority) throw new Error(`no authority "${id}" registered with the revocation services`);
      authority.revoked.push({ serialNumber: certificate.serialNumber, revokedAt: at, ...(reason === undefined ? {} : { reason }) });
    },
    ocspMode: 'up',
    crlMode: 'up',
    requests: { ocsp: 0, crl: 0 },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
  return services;
}
