// Compliance indicator "digitized at receipt" per unit and period, for
// supervisors: GET /api/compliance?from=YYYY-MM-DD&to=YYYY-MM-DD (both days
// included, in the working calendar's time zone; default the current month).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { loadComplianceReport, type UnitCompliance } from '../../domain/counter/compliance.ts';
import { currentMonthPeriod, parseReportPeriod } from '../../domain/counter/period.ts';
import { requireActor, requireRole } from '../session.ts';

const figures = {
  received: { type: 'integer', description: 'Paper documents received at the counter: components scanned plus exceptions.' },
  digitizedSealed: { type: 'integer', description: 'Scanned components whose digitized PDF/A is sealed.' },
  pending: { type: 'integer', description: 'Scanned components not sealed yet.' },
  exceptions: { type: 'integer', description: 'Paper documents recorded as exceptions instead of a scan.' },
  digitizedShare: { type: ['number', 'null'], description: 'digitizedSealed / received in percent, one decimal; null when nothing was received.' },
} as const;

const schema = {
  summary: 'Digitized-at-receipt indicator per unit, with the paper exceptions',
  querystring: {
    type: 'object',
    properties: {
      from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['from', 'to', 'units', 'total', 'exceptions'],
      properties: {
        from: { type: 'string' },
        to: { type: 'string' },
        units: {
          type: 'array',
          items: {
            type: 'object',
            required: ['unit', ...Object.keys(figures)],
            properties: {
              unit: { type: 'object', required: ['id', 'ar', 'en'], properties: { id: { type: 'string' }, ar: { type: 'string' }, en: { type: 'string' } } },
              ...figures,
            },
          },
        },
        total: { type: 'object', required: Object.keys(figures), properties: figures },
        exceptions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'unitId', 'dossierId', 'reference', 'componentCode', 'reason', 'note', 'officer', 'recordedAt'],
            properties: {
              id: { type: 'string' },
              unitId: { type: 'string' },
              dossierId: { type: 'string' },
              reference: { type: 'string' },
              componentCode: { type: 'string' },
              reason: { type: 'string', enum: ['fragile', 'oversized', 'sealed_envelope', 'other'] },
              note: { type: ['string', 'null'] },
              officer: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
              recordedAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
  },
} as const;

function figuresOf(unit: Omit<UnitCompliance, 'unit'>) {
  return { received: unit.received, digitizedSealed: unit.digitizedSealed, pending: unit.pending, exceptions: unit.exceptions, digitizedShare: unit.digitizedShare };
}

export async function complianceRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/api/compliance', { preHandler: requireRole('supervisor', 'approver', 'admin'), schema }, async (request) => {
    const actor = requireActor(request);
    const { from, to } = request.query as { from?: string; to?: string };
    const timeZone = ctx.config.SIJILL_TIMEZONE;
    const period = from || to ? parseReportPeriod(from ?? '', to ?? '', timeZone) : currentMonthPeriod(ctx.now(), timeZone);
    const report = await loadComplianceReport(ctx, actor, period);
    return {
      from: period.from,
      to: period.to,
      units: report.units.map((unit) => ({ unit: unit.unit, ...figuresOf(unit) })),
      total: figuresOf(report.total),
      exceptions: report.exceptions.map((row) => ({
        id: row.id,
        unitId: row.unit_id,
        dossierId: row.dossier_id,
        reference: row.reference,
        componentCode: row.component_code,
        reason: row.reason,
        note: row.note,
        officer: { id: row.officer_id, name: row.officer_name },
        recordedAt: new Date(row.recorded_at).toISOString(),
      })),
    };
  });
}
