// The procedures a reception officer registers at the counter: those of the
// officer's own units. A dossier belongs to its procedure's unit, and staff
// see the dossiers of their units only, so a dossier registered for another
// unit's procedure would vanish from the officer's progress page.
import type { AppContext } from '../../context.ts';
import { findUnit } from '../../db/city.ts';
import { SijillError } from '../../errors.ts';
import type { Actor } from '../access.ts';
import { listProcedures } from '../catalogue.ts';
import type { Procedure } from '../procedures.ts';

/** Lists the procedures of the actor's units. */
export async function listCounterProcedures(ctx: AppContext, actor: Actor): Promise<Procedure[]> {
  return (await listProcedures(ctx.db)).filter((procedure) => actor.unitIds.includes(procedure.unit));
}

/** Returns the procedure with `code` the actor may register; throws when it is unknown or another unit's. */
export async function findCounterProcedure(ctx: AppContext, actor: Actor, code: string): Promise<Procedure> {
  const procedure = (await listProcedures(ctx.db)).find((entry) => entry.code === code);
  if (!procedure) throw new SijillError('dossier.unknown_procedure', { code });
  if (!actor.unitIds.includes(procedure.unit)) {
    const unit = await findUnit(ctx.db, procedure.unit);
    throw new SijillError('counter.procedure_of_other_unit', { code, unit: procedure.unit, unitAr: unit?.name_ar ?? procedure.unit, unitEn: unit?.name_en ?? procedure.unit });
  }
  return procedure;
}
