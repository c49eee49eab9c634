// Renewal of PAdES B-LTA archive timestamps. The last document timestamp of
// a result proves that its signatures and their validation data existed at
// its genTime, for as long as its TSA's certificate stays valid. Before that
// certificate expires, the validation data of that timestamp is added (a new
// DSS revision) and a new document timestamp covers the whole file, which
// carries the proof on with a fresh TSA certificate.
import { addDocumentTimestamp } from './document-timestamp.ts';
import type { RevocationOptions } from './revocation.ts';
import type { TimestampSource } from './timestamp-client.ts';
import type { TrustAnchor } from './trust-anchors.ts';
import { validatePdfSignatures } from './validate-pdf.ts';
import { addValidationData } from './validation-data.ts';

export interface ArchiveRenewalOptions {
  tsa: TimestampSource;
  trustAnchors: TrustAnchor[];
  revocation: RevocationOptions;
  now: Date;
  /** Renew when the last archive timestamp's TSA certificate expires within this many milliseconds. */
  renewWithinMs: number;
}

export interface ArchiveRenewal {
  /** Expiry of the TSA certificate of the last document timestamp; null when the file has none (not B-LTA). */
  expiresAt: Date | null;
  /** The renewed file, when the timestamp was due. */
  pdf?: Uint8Array;
}

/** Adds validation data and a new document timestamp when the last one's TSA certificate expires soon. */
export async function renewArchiveTimestamp(pdf: Uint8Array, options: ArchiveRenewalOptions): Promise<ArchiveRenewal> {
  const reports = await validatePdfSignatures(pdf, { trustAnchors: options.trustAnchors, revocation: options.revocation, at: options.now });
  const last = reports.filter((report) => report.kind === 'document-timestamp').at(-1);
  if (!last?.signer) return { expiresAt: null };
  const expiresAt = new Date(last.signer.notAfter);
  if (expiresAt.getTime() - options.now.getTime() > options.renewWithinMs) return { expiresAt };
  const withData = await addValidationData(pdf, { revocation: options.revocation });
  return { expiresAt, pdf: await addDocumentTimestamp(withData, { tsa: options.tsa }) };
}
