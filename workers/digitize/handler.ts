// digitize: turns every paper original scanned at the counter into a
// searchable PDF/A with an OCR layer in the languages the officer chose, or
// detected from its first page. The result waits for the reception officer
// to confirm it matches the original; only then is it sealed. OCR crashes
// and timeouts are technical failures (retried, then an incident); the
// original bytes stay stored as evidence.
import { randomUUID } from 'node:crypto';
import { insertDocument, listDossierDocuments, setDocumentOcrLanguages, setDocumentStatus } from '../../src/db/documents.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { dossierIdOf, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const digitizeWorker: WorkerDefinition = {
  type: 'digitize',
  fetchVariables: ['dossierId'],
  timeoutMs: 15 * 60_000,
  concurrency: 1,
  async handle(job, ctx) {
    const dossierId = dossierIdOf(job);
    const originals = (await listDossierDocuments(ctx.db, dossierId)).filter((doc) => doc.kind === 'counter_original' && doc.status === 'received');
    const digitized: string[] = [];
    for (const original of originals) {
      const bytes = await ctx.blobs.get(original.sha256);
      // What was asked for: the officer's choice, else the configured setting ("auto" to detect).
      const languages = original.ocr_languages ?? ctx.config.SIJILL_OCR_LANGUAGES;
      let output;
      try {
        output = await digitize({ bytes, mediaType: original.media_type }, {
          languages,
          ocrmypdf: ctx.config.SIJILL_OCRMYPDF,
          jobs: ctx.config.SIJILL_OCR_JOBS,
        });
      } catch (err) {
        if (err instanceof Error && 'retryable' in err && err.retryable === true) return JobOutcome.fail(`digitizing ${original.id} failed: ${err.message}`, 10_000);
        throw err;
      }
      const blob = await ctx.blobs.put(output.pdf);
      const id = randomUUID();
      await ctx.db.transaction(async (tx) => {
        await insertDocument(tx, {
          id,
          dossier_id: dossierId,
          applicant_id: original.applicant_id,
          component_code: original.component_code,
          kind: 'digitized',
          sha256: blob.sha256,
          media_type: 'application/pdf',
          byte_size: blob.byteSize,
          file_name: original.file_name.replace(/\.[^.]*$/, '') + '.pdf',
          page_count: output.pageCount,
          source_document_id: original.id,
          status: 'awaiting_confirmation',
          declaration: null,
          ocr_text: output.text,
          ocr_languages: output.languages.join('+'),
          created_by: null,
        });
        await setDocumentStatus(tx, original.id, 'digitized');
        if (original.ocr_languages === null) await setDocumentOcrLanguages(tx, original.id, languages);
        await recordAudit(tx, { actor: 'worker:digitize', action: 'document.digitized', dossierId, subject: id, details: { source: original.sha256, pdf: blob.sha256, pages: output.pageCount, languages: output.languages.join('+') } });
      });
      digitized.push(id);
    }
    return JobOutcome.complete({ digitizedDocuments: digitized });
  },
};
