// Keeps issued results verifiable for the long term: every issued result
// whose last archive timestamp (PAdES B-LTA) has a TSA certificate expiring
// soon gets the validation data of that timestamp and a new document
// timestamp (src/signatures/archive-renewal.ts). The document row then
// points at the new bytes; the old ones stay in the store, and the audit
// trail records both hashes. `sijill renew-timestamps` runs it; schedule it
// daily (cron, a Kubernetes CronJob).
import type { AppContext } from '../context.ts';
import { listIssuedResults, replaceDocumentBytes } from '../db/documents.ts';
import { SijillError } from '../errors.ts';
import { renewArchiveTimestamp } from '../signatures/archive-renewal.ts';
import { revocationOptionsFor, signingOptionsFor } from '../signatures/services.ts';
import { recordAudit } from './audit.ts';
import { loadTrustAnchors } from './trust.ts';

export interface ArchiveRenewalSummary {
  /** Issued results looked at. */
  checked: number;
  /** Ids of the results that got a new archive timestamp. */
  renewed: string[];
  /** Results without a document timestamp (signed below B-LTA), which cannot be renewed. */
  withoutArchiveTimestamp: number;
  failed: { id: string; reason: string }[];
}

const pageSize = 100;

/** Renews the archive timestamps of issued results whose TSA certificate expires within `renewWithinDays`. */
export async function renewArchiveTimestamps(ctx: AppContext & { pkiDir: string }, renewWithinDays: number): Promise<ArchiveRenewalSummary> {
  const signing = await signingOptionsFor(ctx, 'B-LTA');
  const tsa = signing.tsaUrl ?? signing.localTsa;
  if (tsa === undefined) throw new SijillError('signature.tsa_required', { level: 'B-LTA' });
  const trustAnchors = await loadTrustAnchors(ctx);
  const revocation = await revocationOptionsFor(ctx);
  const summary: ArchiveRenewalSummary = { checked: 0, renewed: [], withoutArchiveTimestamp: 0, failed: [] };

  for (let after: string | null = null; ;) {
    const results = await listIssuedResults(ctx.db, after, pageSize);
    if (results.length === 0) return summary;
    for (const result of results) {
      summary.checked += 1;
      try {
        const renewal = await renewArchiveTimestamp(await ctx.blobs.get(result.sha256), {
          tsa, trustAnchors, revocation, now: ctx.now(), renewWithinMs: renewWithinDays * 86_400_000,
        });
        if (renewal.expiresAt === null) summary.withoutArchiveTimestamp += 1;
        if (renewal.pdf === undefined) continue;
        const blob = await ctx.blobs.put(renewal.pdf);
        const replaced = await ctx.db.transaction(async (tx) => {
          if (!(await replaceDocumentBytes(tx, result.id, result.sha256, blob.sha256, blob.byteSize))) return false;
          await recordAudit(tx, {
            actor: 'system:archive', action: 'document.archive_timestamp_renewed', dossierId: result.dossier_id, subject: result.id,
            details: { previous: result.sha256, renewed: blob.sha256, tsaCertificateExpires: renewal.expiresAt?.toISOString() ?? null },
          });
          return true;
        });
        if (replaced) summary.renewed.push(result.id);
      } catch (error) {
        ctx.logger.error({ err: error, documentId: result.id }, 'archive timestamp renewal failed');
        summary.failed.push({ id: result.id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    after = results.at(-1)?.id ?? null;
  }
}
