// The demo PKI's services, run in process because the embedded default has
// no OCSP server or TSA to call: an OCSP responder for the certificates the
// demo CAs issued (each CA signs its own answers) and a time-stamping
// authority. Signing with them makes demo results PAdES B-LTA with real
// OCSP responses in their DSS; validation asks the responder for the status
// of demo certificates, which name no OCSP or CRL URL of their own. A
// deployment with a real PKI configures SIJILL_TSA_URL and needs none of this.
import * as pkijs from 'pkijs';
import type { LocalOcspResponder } from '../signatures/revocation-sources.ts';
import type { LocalTimestampAuthority } from '../signatures/timestamp-client.ts';
import { loadDemoAuthorities } from './demo-pki.ts';
import { createOcspResponse, servesOcspRequest, type RevocationAuthority } from './revocation-responder.ts';
import { createTimestampResponse } from './timestamp-authority.ts';

export interface DemoServices {
  ocspResponder: LocalOcspResponder;
  /** Absent for a demo PKI made before the demo had a TSA. */
  tsa?: LocalTimestampAuthority;
}

const loaded = new Map<string, Promise<DemoServices | undefined>>();

/** Returns the services of the demo PKI in `dir` (loaded once per process); undefined when there is none. */
export function loadDemoServices(dir: string): Promise<DemoServices | undefined> {
  let services = loaded.get(dir);
  if (!services) {
    services = createDemoServices(dir);
    loaded.set(dir, services);
    // A failed load is retried on the next call instead of being cached.
    services.catch(() => loaded.delete(dir));
  }
  return services;
}

async function createDemoServices(dir: string): Promise<DemoServices | undefined> {
  const keys = await loadDemoAuthorities(dir);
  if (!keys) return undefined;
  // The demo records no revocations.
  const authorities: RevocationAuthority[] = [{ ca: keys.root, revoked: [] }, { ca: keys.issuingCa, revoked: [] }];
  const services: DemoServices = {
    ocspResponder: async (request) => (servesOcspRequest(request, authorities) ? createOcspResponse(request, { authorities }) : undefined),
  };
  const tsa = keys.tsa;
  if (tsa) {
    const chain = [tsa.certificate, keys.issuingCa.certificate].map((certificate) => pkijs.Certificate.fromBER(certificate.rawData));
    services.tsa = (request) => createTimestampResponse(request, { privateKey: tsa.privateKey, chain });
  }
  return services;
}
