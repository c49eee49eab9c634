// Page work of the digitization check: thumbnails of a digitized PDF's pages,
// and the page edit form of the confirm-digitization task, which stores a new
// version of the document (see src/domain/counter/edit-pages.ts).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findDocument } from '../../db/documents.ts';
import { findDossier } from '../../db/dossiers.ts';
import { canSeeDossier, hasRole } from '../../domain/access.ts';
import { editDigitizedPages, type PagePlacement } from '../../domain/counter/edit-pages.ts';
import { renderPageImage } from '../../domain/counter/page-images.ts';
import { SijillError } from '../../errors.ts';
import { loadOpenTask } from '../../domain/dossiers/task-list.ts';
import { requirePageActor, requirePageRole, seeOther } from '../request.ts';
import { sendTaskPage } from './officer.ts';

const staffRoles = ['reception-officer', 'processing-officer', 'approver', 'supervisor', 'inspector', 'admin'] as const;

const documentParams = {
  type: 'object',
  required: ['id', 'page'],
  properties: { id: { type: 'string', format: 'uuid' }, page: { type: 'integer', minimum: 1, maximum: 10000 } },
} as const;

const editParams = {
  type: 'object',
  required: ['key', 'id'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,20}$' }, id: { type: 'string', format: 'uuid' } },
} as const;

const rotationValues = new Set(['0', '90', '180', '270']);

/**
 * Reads the page edit form: for page n of the source, `position.n` (its place
 * in the result), `rotate.n` (0, 90, 180 or 270) and `remove.n` ("on" to drop
 * it). Kept pages are ordered by position, ties in source order.
 */
export function pagePlacementsOf(fields: Record<string, string | undefined>, pageCount: number): PagePlacement[] {
  const kept: Array<PagePlacement & { position: number }> = [];
  for (let page = 1; page <= pageCount; page += 1) {
    if (fields[`remove.${page}`] === 'on') continue;
    const position = Number(fields[`position.${page}`] ?? page);
    const rotation = fields[`rotate.${page}`] ?? '0';
    if (!Number.isFinite(position) || !rotationValues.has(rotation)) {
      throw new SijillError('counter.page_edit_invalid', { detail: `page ${page}: position ${fields[`position.${page}`]}, rotation ${rotation}` });
    }
    kept.push({ sourcePage: page, rotation: Number(rotation) as PagePlacement['rotation'], position });
  }
  return kept
    .sort((a, b) => a.position - b.position || a.sourcePage - b.sourcePage)
    .map(({ sourcePage, rotation }) => ({ sourcePage, rotation }));
}

export async function pageEditPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/counter/documents/:id/pages/:page', { schema: { params: documentParams } }, async (request, reply) => {
    const actor = requirePageActor(request);
    const { id, page } = request.params as { id: string; page: number };
    const doc = await findDocument(ctx.db, id);
    const dossier = doc?.dossier_id ? await findDossier(ctx.db, doc.dossier_id) : null;
    const visible = doc !== null && dossier !== null && hasRole(actor, ...staffRoles) && canSeeDossier(actor, dossier);
    if (!visible || doc.kind !== 'digitized' || page > (doc.page_count ?? 0)) throw new SijillError('request.not_found');
    const image = await renderPageImage(ctx, doc, page);
    return reply
      .type('image/png')
      // The bytes of a document version never change, so neither does its page image.
      .header('cache-control', 'private, max-age=86400, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(image));
  });

  app.post('/tasks/:key/documents/:id/pages', { schema: { params: editParams } }, async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const { key, id } = request.params as { key: string; id: string };
    const { form, dossier } = await loadOpenTask(ctx, actor, key);
    if (form !== 'confirm-digitization') throw new SijillError('request.not_found');
    const doc = await findDocument(ctx.db, id);
    try {
      if (!doc || doc.dossier_id !== dossier.id) throw new SijillError('counter.document_not_editable', { document: id });
      const fields = (request.body ?? {}) as Record<string, string | undefined>;
      const edited = await editDigitizedPages(ctx, actor, dossier, doc.id, pagePlacementsOf(fields, doc.page_count ?? 0));
      return seeOther(reply, `/tasks/${key}?pages=edited#doc-${edited.id}`);
    } catch (error) {
      if (!(error instanceof SijillError) || error.code === 'request.not_found') throw error;
      request.log.info({ code: error.code, taskKey: key, documentId: id }, 'page edit rejected');
      return sendTaskPage(ctx, request, reply, actor, {}, null, { pageEditError: { documentId: id, error } });
    }
  });
}
