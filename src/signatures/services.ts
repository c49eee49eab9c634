// The TSA and revocation sources of a Sijill process, from its configuration:
// SIJILL_TSA_URL when set, else the demo PKI's in-process TSA; the demo
// PKI's in-process OCSP responder beside the OCSP and CRL URLs that
// certificates name; one revocation cache for the whole process. Workers and
// `sijill verify` take their signing and validation options from here.
import type { Config } from '../config.ts';
import { loadDemoServices } from '../pki/demo-services.ts';
import type { RevocationOptions } from './revocation.ts';
import { processRevocationCache } from './revocation-sources.ts';
import type { PadesLevel, SignPdfOptions } from './sign-pdf.ts';

export interface ServicesContext {
  config: Pick<Config, 'SIJILL_TSA_URL' | 'SIJILL_REVOCATION_POLICY'>;
  pkiDir: string;
}

/**
 * Options that make signPdf sign at `level`, or at B-B when no TSA is
 * configured and there is no demo TSA (a level with timestamps needs one).
 */
export async function signingOptionsFor(ctx: ServicesContext, level: PadesLevel): Promise<Pick<SignPdfOptions, 'level' | 'tsaUrl' | 'localTsa' | 'revocation'>> {
  const demo = await loadDemoServices(ctx.pkiDir).catch(() => undefined);
  const revocation = { cache: processRevocationCache, responders: demo ? [demo.ocspResponder] : [] };
  if (ctx.config.SIJILL_TSA_URL) return { level, tsaUrl: ctx.config.SIJILL_TSA_URL, revocation };
  if (demo?.tsa) return { level, localTsa: demo.tsa, revocation };
  return { level: 'B-B', revocation };
}

/** Revocation options for validation: the configured policy, the demo responder, the process cache. */
export async function revocationOptionsFor(ctx: ServicesContext): Promise<RevocationOptions> {
  const demo = await loadDemoServices(ctx.pkiDir).catch(() => undefined);
  return { policy: ctx.config.SIJILL_REVOCATION_POLICY, cache: processRevocationCache, responders: demo ? [demo.ocspResponder] : [] };
}
