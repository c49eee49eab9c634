// Counter intake screens: registering a dossier with scans of its paper
// originals or paper exceptions, and the digitization progress of the
// dossiers just registered (a page, and the JSON the page polls).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReceivedForm } from '../../api/multipart.ts';
import type { AppContext } from '../../context.ts';
import { upsertApplicant } from '../../db/city.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import type { Actor } from '../../domain/access.ts';
import { listProcedures } from '../../domain/catalogue.ts';
import { findCounterProcedure, listCounterProcedures } from '../../domain/counter/procedures.ts';
import { intakeStages, loadIntakeProgress } from '../../domain/counter/intake-progress.ts';
import { isPaperExceptionReason, type PaperExceptionInput } from '../../domain/counter/paper-exceptions.ts';
import { submitDossier } from '../../domain/dossiers/submit.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { SijillError } from '../../errors.ts';
import { formErrorOf, procedureLabels } from '../components/forms.ts';
import { applicationFormOf, incomingFilesOf, readPageForm } from '../form-data.ts';
import { renderCounterPage } from '../pages/counter.ts';
import { renderIntakePage, stageLabel } from '../pages/intake.ts';
import { pageContextOf, requirePageRole, seeOther, sendHtml } from '../request.ts';

/** Header the upload script sends; the reply to it names the next page in JSON instead of redirecting. */
export const uploadScriptHeader = 'x-sijill-upload';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Paper exceptions of a counter form: `exception:<component>` contains the reason and `exceptionNote:<component>` the note. */
export function paperExceptionsOf(fields: Record<string, string>): PaperExceptionInput[] {
  const exceptions: PaperExceptionInput[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith('exception:') || value === '') continue;
    const componentCode = name.slice('exception:'.length);
    if (!isPaperExceptionReason(value)) throw new SijillError('request.invalid', { detail: `unknown exception reason ${value}` });
    exceptions.push({ componentCode, reason: value, note: fields[`exceptionNote:${componentCode}`]?.trim() || null });
  }
  return exceptions;
}

/** Dossier ids from the `dossier` query parameter, given once or repeated; anything not a UUID is dropped. */
function dossierIdsOf(query: unknown): string[] {
  const value = (query as Record<string, unknown>)['dossier'];
  if (value === undefined) return [];
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.filter((id): id is string => typeof id === 'string' && uuidPattern.test(id));
}

export function intakeQuery(ids: string[]): string {
  return ids.map((id) => `dossier=${encodeURIComponent(id)}`).join('&');
}

/**
 * Registers one dossier from the fields and files of a counter form (the
 * whole form, or one block of a batch with its prefix removed).
 */
export async function registerCounterDossier(ctx: AppContext, actor: Actor, procedure: Procedure, posted: ReceivedForm): Promise<DossierRow> {
  const { fields } = posted;
  const applicantId = await registerApplicant(ctx, fields);
  const result = await submitDossier(ctx, {
    procedureCode: procedure.code,
    applicantId,
    channel: fields['channel'] === 'postal' ? 'postal' : 'counter',
    form: applicationFormOf(fields),
    files: incomingFilesOf(posted, true),
    paperExceptions: paperExceptionsOf(fields),
    declaration: null,
    idempotencyKey: idempotencyKeyOf(fields),
    actorAccountId: actor.account.id,
  });
  return result.dossier;
}

/** The form's idempotency key, when it is a UUID. */
export function idempotencyKeyOf(fields: Record<string, string>): string | null {
  const key = fields['idempotencyKey'] ?? '';
  return uuidPattern.test(key) ? key : null;
}

/**
 * Sends the officer on after a successful post: a 303 for the browser, or,
 * for the upload script, JSON naming the page. The script cannot follow a
 * redirect itself (see src/web/client/upload-progress.ts).
 */
export function sendNextPage(request: FastifyRequest, reply: FastifyReply, location: string): FastifyReply {
  if (request.headers[uploadScriptHeader] === '1') return reply.header('cache-control', 'no-store').send({ location });
  return seeOther(reply, location);
}

/** Creates or updates the applicant the officer registers at the counter; the identifier is the key. */
async function registerApplicant(ctx: AppContext, fields: Record<string, string>): Promise<string> {
  const identifier = (fields['applicantIdentifier'] ?? '').trim();
  const name = (fields['applicantName'] ?? '').trim();
  const email = (fields['applicantEmail'] ?? '').trim();
  if (!/^[0-9A-Za-z-]{4,32}$/.test(identifier)) throw new SijillError('dossier.field_invalid', { field: 'applicantIdentifier' });
  if (!name) throw new SijillError('dossier.field_missing', { field: 'applicantName' });
  const applicant = await upsertApplicant(ctx.db, {
    id: randomUUID(), kind: fields['applicantKind'] === 'organization' ? 'organization' : 'individual', identifier, full_name: name, email: email || null, phone: null,
  });
  return applicant.id;
}

const statusSchema = {
  summary: 'Digitization progress of counter dossiers',
  querystring: {
    type: 'object',
    properties: { dossier: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'array', maxItems: 20, items: { type: 'string', format: 'uuid' } }] } },
  },
  response: {
    200: {
      type: 'object',
      required: ['dossiers'],
      properties: {
        dossiers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'reference', 'done', 'components'],
            properties: {
              id: { type: 'string' },
              reference: { type: 'string' },
              done: { type: 'boolean' },
              components: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['componentCode', 'stage', 'step', 'steps', 'label'],
                  properties: {
                    componentCode: { type: ['string', 'null'] },
                    stage: { type: 'string' },
                    step: { type: 'integer' },
                    steps: { type: 'integer' },
                    label: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

export async function counterPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/counter', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const code = (request.query as Record<string, unknown>)['procedure'];
    const procedures = await listCounterProcedures(ctx, actor);
    const procedure = procedures.find((entry) => entry.code === code) ?? null;
    const html = renderCounterPage(pageContextOf(ctx, request), { procedures, procedure, values: {}, idempotencyKey: randomUUID(), error: null });
    return sendHtml(reply, html);
  });

  app.post('/counter', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const page = pageContextOf(ctx, request);
    const procedures = await listCounterProcedures(ctx, actor);
    let fields: Record<string, string> = {};
    let procedure: Procedure | null = null;
    try {
      const posted = await readPageForm(ctx, request);
      fields = posted.fields;
      procedure = await findCounterProcedure(ctx, actor, fields['procedureCode'] ?? '');
      const dossier = await registerCounterDossier(ctx, actor, procedure, posted);
      return sendNextPage(request, reply, `/counter/intake?${intakeQuery([dossier.id])}`);
    } catch (error) {
      if (!(error instanceof SijillError)) throw error;
      request.log.info({ code: error.code }, 'counter intake rejected');
      const labels = procedure ? procedureLabels(procedure, page.lang) : {};
      const formError = formErrorOf(error, page.lang, labels, 'paper');
      const idempotencyKey = idempotencyKeyOf(fields) ?? randomUUID();
      return sendHtml(reply, renderCounterPage(page, { procedures, procedure, values: fields, idempotencyKey, error: formError }), error.status);
    }
  });

  app.get('/counter/intake', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const ids = dossierIdsOf(request.query);
    const progress = await loadIntakeProgress(ctx, actor, ids);
    const page = pageContextOf(ctx, request);
    return sendHtml(reply, renderIntakePage(page, { progress, procedures: await listProcedures(ctx.db), query: intakeQuery(ids) }));
  });

  app.get('/counter/intake/status', { schema: statusSchema }, async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const { lang } = pageContextOf(ctx, request);
    const progress = await loadIntakeProgress(ctx, actor, dossierIdsOf(request.query));
    void reply.header('cache-control', 'no-store');
    return {
      dossiers: progress.map((entry) => ({
        id: entry.dossier.id,
        reference: entry.dossier.reference,
        done: entry.done,
        components: entry.components.map((component) => ({
          componentCode: component.componentCode,
          stage: component.stage,
          step: component.step,
          steps: intakeStages.length,
          label: stageLabel(component.stage, lang),
        })),
      })),
    };
  });
}
