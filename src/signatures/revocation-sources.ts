// Sources of revocation data when a file carries none that is fresh
// enough: in-process OCSP responders (the demo PKI), the OCSP responders a
// certificate names in its AIA extension, then its CRL distribution points.
// Fetches use HTTP with a timeout; checked results are cached in memory until
// the data's nextUpdate, so a warm validation fetches and verifies nothing.
import type { CertificateInfo } from './certificate-info.ts';
import { checkCrl } from './crl.ts';
import { buildOcspRequest, checkOcspResponse, type RevocationEvidence } from './ocsp.ts';

/** An OCSP responder called in process; takes a DER OCSPRequest, returns a DER OCSPResponse, or undefined for a CA it does not serve. */
export type LocalOcspResponder = (requestDer: Uint8Array) => Promise<Uint8Array | undefined>;

export interface RevocationFetchOptions {
  /** Fetch from the URLs in certificates. @default true */
  fetch?: boolean;
  /** Per request. @default 5000 */
  timeoutMs?: number;
  responders?: LocalOcspResponder[];
  /** @default the process-wide cache */
  cache?: RevocationCache;
}

export interface FetchOutcome {
  evidence?: RevocationEvidence;
  /** Reasons each source failed, for the report. */
  failures: string[];
  /** The certificate names a source, or a local responder answered for it. */
  hasSource: boolean;
}

/** Checked revocation evidence per certificate, and raw CRLs per URL, each kept until its nextUpdate. */
export class RevocationCache {
  private readonly evidence = new Map<string, { value: RevocationEvidence; expires: number }>();
  private readonly crls = new Map<string, { der: Uint8Array; expires: number }>();
  readonly maxEntries: number;
  /** Lifetime of data without nextUpdate. @default 1 hour */
  readonly defaultTtlMs: number;

  constructor(options: { maxEntries?: number; defaultTtlMs?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.defaultTtlMs = options.defaultTtlMs ?? 3600_000;
  }

  getEvidence(key: string, now = Date.now()): RevocationEvidence | undefined {
    const entry = this.evidence.get(key);
    if (entry && entry.expires > now) return entry.value;
    if (entry) this.evidence.delete(key);
    return undefined;
  }

  setEvidence(key: string, value: RevocationEvidence): void {
    bounded(this.evidence, this.maxEntries).set(key, { value, expires: this.expiryOf(value.thisUpdate, value.nextUpdate) });
  }

  getCrl(url: string, now = Date.now()): Uint8Array | undefined {
    const entry = this.crls.get(url);
    if (entry && entry.expires > now) return entry.der;
    if (entry) this.crls.delete(url);
    return undefined;
  }

  setCrl(url: string, der: Uint8Array, evidence: RevocationEvidence): void {
    bounded(this.crls, this.maxEntries).set(url, { der, expires: this.expiryOf(evidence.thisUpdate, evidence.nextUpdate) });
  }

  clear(): void {
    this.evidence.clear();
    this.crls.clear();
  }

  private expiryOf(thisUpdate: Date, nextUpdate: Date | undefined): number {
    return nextUpdate ? nextUpdate.getTime() : thisUpdate.getTime() + this.defaultTtlMs;
  }
}

function bounded<V>(map: Map<string, V>, max: number): Map<string, V> {
  if (map.size >= max) map.delete(map.keys().next().value as string);
  return map;
}

/** The cache shared by every validation in this process. */
export const processRevocationCache = new RevocationCache();

/**
 * Looks for the status of `subject`: the cache, local responders, OCSP, then CRL.
 * `acceptable` decides whether evidence is fresh enough; stale evidence is passed over.
 */
export async function fetchRevocation(
  subject: CertificateInfo, issuer: CertificateInfo, options: RevocationFetchOptions, acceptable: (evidence: RevocationEvidence) => boolean,
): Promise<FetchOutcome> {
  const cache = options.cache ?? processRevocationCache;
  const key = `${issuer.id}:${subject.serialNumber}`;
  const responders = options.responders ?? [];
  const fetching = options.fetch ?? true;
  const outcome: FetchOutcome = { failures: [], hasSource: subject.ocspUrls.length > 0 || subject.crlUrls.length > 0 };

  const cached = cache.getEvidence(key);
  if (cached && acceptable(cached)) return { ...outcome, evidence: cached };
  const accept = (evidence: RevocationEvidence | string, source: string): RevocationEvidence | undefined => {
    if (typeof evidence === 'string') {
      outcome.failures.push(`${source}: ${evidence}`);
      return undefined;
    }
    cache.setEvidence(key, evidence);
    if (evidence.status === 'revoked' || acceptable(evidence)) return evidence;
    outcome.failures.push(`${source}: the data was issued on ${evidence.thisUpdate.toISOString()}, too early to be fresh`);
    return undefined;
  };

  // Built only when some responder will read it: most certificates of a warm validation never get here.
  let request: Uint8Array | undefined;
  const ocspRequest = (): Uint8Array => (request ??= buildOcspRequest(subject, issuer));
  for (const responder of responders) {
    const response = await responder(ocspRequest()).catch((err: Error) => {
      outcome.failures.push(`local OCSP responder: ${err.message}`);
      return undefined;
    });
    if (response) outcome.hasSource = true;
    const evidence = response && accept(checkOcspResponse(response, subject, issuer), 'local OCSP responder');
    if (evidence) return { ...outcome, evidence };
  }
  if (!fetching) return outcome;
  const timeoutMs = options.timeoutMs ?? 5000;
  for (const url of subject.ocspUrls.filter(isHttp)) {
    try {
      const response = await httpFetch(url, timeoutMs, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: ocspRequest() });
      const evidence = accept(checkOcspResponse(response, subject, issuer), `OCSP ${url}`);
      if (evidence) return { ...outcome, evidence };
    } catch (err) {
      outcome.failures.push(`OCSP ${url}: ${(err as Error).message}`);
    }
  }
  for (const url of subject.crlUrls.filter(isHttp)) {
    try {
      const der = cache.getCrl(url) ?? await httpFetch(url, timeoutMs, { method: 'GET' });
      const checked = checkCrl(der, subject, issuer);
      if (typeof checked !== 'string') cache.setCrl(url, der, checked);
      const evidence = accept(checked, `CRL ${url}`);
      if (evidence) return { ...outcome, evidence };
    } catch (err) {
      outcome.failures.push(`CRL ${url}: ${(err as Error).message}`);
    }
  }
  return outcome;
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

async function httpFetch(url: string, timeoutMs: number, init: { method: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<Uint8Array> {
  const response = await fetch(url, { ...init, body: init.body ? Buffer.from(init.body) : null, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
