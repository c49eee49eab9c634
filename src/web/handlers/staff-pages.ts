// Staff search (/search) and the compliance page (/compliance).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { listProcedures } from '../../domain/catalogue.ts';
import { loadComplianceReport } from '../../domain/counter/compliance.ts';
import { currentMonthPeriod, parseReportPeriod } from '../../domain/counter/period.ts';
import { minimumQueryLength, searchStaffDocuments } from '../../domain/counter/search.ts';
import { normalizeForSearch } from '../../digitize/index.ts';
import { renderCompliancePage } from '../pages/compliance.ts';
import { renderSearchPage } from '../pages/search.ts';
import { pageContextOf, requirePageRole, sendHtml } from '../request.ts';

/** Staff who work on dossiers of their units and may search their documents. */
export const searchRoles = ['reception-officer', 'processing-officer', 'approver', 'supervisor', 'inspector', 'admin'] as const;
/** Roles that may open the compliance indicators: the same as for the SLA board. */
export const complianceRoles = ['supervisor', 'approver', 'admin'] as const;

const searchSchema = {
  querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } },
} as const;

const periodSchema = {
  querystring: { type: 'object', properties: { from: { type: 'string', maxLength: 10 }, to: { type: 'string', maxLength: 10 } } },
} as const;

export async function staffPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/search', { schema: searchSchema }, async (request, reply) => {
    const actor = requirePageRole(request, ...searchRoles);
    const query = ((request.query as { q?: string }).q ?? '').trim();
    const searched = normalizeForSearch(query).length >= minimumQueryLength;
    const hits = searched ? await searchStaffDocuments(ctx, actor, query) : null;
    const page = pageContextOf(ctx, request);
    return sendHtml(reply, renderSearchPage(page, { query, hits, minimumLength: minimumQueryLength, procedures: await listProcedures(ctx.db) }));
  });

  app.get('/compliance', { schema: periodSchema }, async (request, reply) => {
    const actor = requirePageRole(request, ...complianceRoles);
    const { from, to } = request.query as { from?: string; to?: string };
    const timeZone = ctx.config.SIJILL_TIMEZONE;
    const period = from || to ? parseReportPeriod(from ?? '', to ?? '', timeZone) : currentMonthPeriod(ctx.now(), timeZone);
    const report = await loadComplianceReport(ctx, actor, period);
    return sendHtml(reply, renderCompliancePage(pageContextOf(ctx, request), report, await listProcedures(ctx.db)));
  });
}
