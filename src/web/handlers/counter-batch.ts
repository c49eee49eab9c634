// Batch intake at the counter (/counter/batch): several dossiers of one
// procedure from one multipart form whose fields and files are named
// `d<n>.<name>`. Each block is registered on its own, so one bad block does
// not hold back the others; see src/web/pages/counter-batch.ts.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ReceivedForm } from '../../api/multipart.ts';
import type { AppContext } from '../../context.ts';
import { findDossier } from '../../db/dossiers.ts';
import { canSeeDossier, type Actor } from '../../domain/access.ts';
import { findCounterProcedure, listCounterProcedures } from '../../domain/counter/procedures.ts';
import { SijillError } from '../../errors.ts';
import { formErrorOf, procedureLabels } from '../components/forms.ts';
import { readPageForm } from '../form-data.ts';
import { maximumBatchSize, renderCounterBatchPage, type BatchBlock } from '../pages/counter-batch.ts';
import { pageContextOf, requirePageRole, sendHtml } from '../request.ts';
import { idempotencyKeyOf, intakeQuery, registerCounterDossier, sendNextPage } from './counter.ts';

const blockName = /^d([0-9]{1,2})\.(.+)$/;

/** Splits a batch form into one form per block index, with the `d<n>.` prefix removed from every name. */
export function splitBatchForm(posted: ReceivedForm): Map<number, ReceivedForm> {
  const blocks = new Map<number, ReceivedForm>();
  const blockOf = (index: number): ReceivedForm => {
    const existing = blocks.get(index);
    if (existing) return existing;
    const created: ReceivedForm = { fields: {}, files: [] };
    blocks.set(index, created);
    return created;
  };
  for (const [name, value] of Object.entries(posted.fields)) {
    const match = blockName.exec(name);
    if (match) blockOf(Number(match[1])).fields[match[2] as string] = value;
  }
  for (const file of posted.files) {
    const match = blockName.exec(file.fieldName);
    if (!match) throw new SijillError('request.invalid', { detail: `file field ${file.fieldName} names no dossier of the batch` });
    blockOf(Number(match[1])).files.push({ ...file, fieldName: match[2] as string });
  }
  return blocks;
}

/** Dossiers registered by an earlier post of the same batch: `registered` is "index:id,index:id". */
async function registeredBlocks(ctx: AppContext, actor: Actor, value: string | undefined): Promise<Map<number, { id: string; reference: string }>> {
  const registered = new Map<number, { id: string; reference: string }>();
  for (const entry of (value ?? '').split(',').filter(Boolean)) {
    const [index, id] = entry.split(':');
    const dossier = id && /^[0-9a-f-]{36}$/i.test(id) ? await findDossier(ctx.db, id) : null;
    if (dossier && canSeeDossier(actor, dossier)) registered.set(Number(index), { id: dossier.id, reference: dossier.reference });
  }
  return registered;
}

function batchSizeOf(value: unknown): number {
  const count = Number(value);
  return Number.isInteger(count) ? Math.min(Math.max(count, 1), maximumBatchSize) : 3;
}

export async function counterBatchPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/counter/batch', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const query = request.query as Record<string, unknown>;
    const procedures = await listCounterProcedures(ctx, actor);
    const procedure = procedures.find((entry) => entry.code === query['procedure']) ?? null;
    const blocks: BatchBlock[] = Array.from({ length: batchSizeOf(query['count']) }, (_, index) => ({
      index: index + 1, values: {}, idempotencyKey: randomUUID(), error: null, registered: null,
    }));
    return sendHtml(reply, renderCounterBatchPage(pageContextOf(ctx, request), { procedures, procedure, blocks }));
  });

  app.post('/counter/batch', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const page = pageContextOf(ctx, request);
    const procedures = await listCounterProcedures(ctx, actor);
    const posted = await readPageForm(ctx, request);
    const procedure = await findCounterProcedure(ctx, actor, posted.fields['procedureCode'] ?? '');

    const forms = splitBatchForm(posted);
    const registered = await registeredBlocks(ctx, actor, posted.fields['registered']);
    const indexes = [...new Set([...forms.keys(), ...registered.keys()])].sort((a, b) => a - b).slice(0, maximumBatchSize);
    const blocks: BatchBlock[] = [];
    for (const index of indexes) {
      const earlier = registered.get(index);
      const form = forms.get(index) ?? { fields: {}, files: [] };
      const idempotencyKey = idempotencyKeyOf(form.fields) ?? randomUUID();
      if (earlier) {
        blocks.push({ index, values: {}, idempotencyKey, error: null, registered: earlier });
        continue;
      }
      try {
        const dossier = await registerCounterDossier(ctx, actor, procedure, form);
        blocks.push({ index, values: {}, idempotencyKey, error: null, registered: { id: dossier.id, reference: dossier.reference } });
      } catch (error) {
        if (!(error instanceof SijillError)) throw error;
        request.log.info({ code: error.code, block: index }, 'counter batch dossier rejected');
        const formError = formErrorOf(error, page.lang, procedureLabels(procedure, page.lang), 'paper');
        blocks.push({ index, values: form.fields, idempotencyKey, error: formError, registered: null });
      }
    }

    if (blocks.length > 0 && blocks.every((block) => block.registered)) {
      return sendNextPage(request, reply, `/counter/intake?${intakeQuery(blocks.map((block) => block.registered?.id as string))}`);
    }
    return sendHtml(reply, renderCounterBatchPage(page, { procedures, procedure, blocks }), 400);
  });
}
