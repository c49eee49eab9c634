// Loads the procedure catalogue into the database and deploys its diagrams.
import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { findUnit } from '../db/city.ts';
import { findProcedureRow, listProcedureRows, upsertProcedure } from '../db/procedures.ts';
import { SijillError } from '../errors.ts';
import { procedureSchema, readCatalogue, type Procedure } from './procedures.ts';

/**
 * Stores every procedure of `dir` whose competent unit exists and deploys its
 * diagram; unchanged diagrams keep their version. A procedure of an unknown
 * unit is skipped with a warning, so a city loads its units first.
 */
export async function installCatalogue(ctx: Pick<AppContext, 'db' | 'engine' | 'logger'>, dir: string): Promise<Procedure[]> {
  const entries = [];
  for (const entry of await readCatalogue(dir)) {
    if (await findUnit(ctx.db, entry.procedure.unit)) entries.push(entry);
    else ctx.logger.warn({ procedure: entry.procedure.code, unit: entry.procedure.unit }, 'procedure skipped: its unit does not exist');
  }
  await ctx.engine.deploy(entries.map((entry) => ({ name: entry.diagramName, xml: entry.diagramXml })));
  for (const { procedure } of entries) {
    await upsertProcedure(ctx.db, {
      code: procedure.code,
      name_ar: procedure.name.ar,
      name_en: procedure.name.en,
      unit_id: procedure.unit,
      legal_working_days: String(procedure.legalWorkingDays),
      fee: String(procedure.fee),
      result_kind: procedure.resultKind,
      paper_result_by_law: procedure.paperResultByLaw,
      bpmn_process_id: procedure.bpmnProcessId,
      catalogue: procedure,
    });
  }
  return entries.map((entry) => entry.procedure);
}

export async function getProcedure(db: Queryable, code: string): Promise<Procedure> {
  const row = await findProcedureRow(db, code);
  if (!row) throw new SijillError('dossier.unknown_procedure', { code });
  return procedureSchema.parse(row.catalogue);
}

export async function listProcedures(db: Queryable): Promise<Procedure[]> {
  return (await listProcedureRows(db)).map((row) => procedureSchema.parse(row.catalogue));
}
