// How far the paper documents of freshly registered dossiers have come, for
// the counter's progress view. Each component of a dossier moves through
//   queued (scan stored, waiting for OCR) → awaiting_confirmation (PDF/A
//   ready for the officer's check) → confirmed (waiting for the seal) → sealed
// or is an exception recorded instead of a scan. A component with several
// scans is as far as its slowest scan.
import type { AppContext } from '../../context.ts';
import { listDossierIdsRegisteredBy, listIntakeDocuments, type IntakeDocumentRow } from '../../db/counter-documents.ts';
import { listDossierPaperExceptions, type PaperExceptionReason } from '../../db/counter-exceptions.ts';
import { findDossier, type DossierRow } from '../../db/dossiers.ts';
import { canSeeDossier, type Actor } from '../access.ts';
import { listProcedures } from '../catalogue.ts';

export const intakeStages = ['queued', 'awaiting_confirmation', 'confirmed', 'sealed'] as const;
export type IntakeStage = (typeof intakeStages)[number] | 'exception';

export interface ComponentProgress {
  componentCode: string | null;
  stage: IntakeStage;
  /** Stages passed, from 1 (queued) to intakeStages.length (sealed); an exception counts as complete. */
  step: number;
  fileNames: string[];
  /** Why the document was not scanned, for the stage `exception`. */
  exceptionReason?: PaperExceptionReason;
}

export interface DossierProgress {
  dossier: DossierRow;
  components: ComponentProgress[];
  /** Every component is sealed or an exception. */
  done: boolean;
}

/** How long after registration a dossier stays in an officer's progress view. */
export const recentIntakeHours = 12;
const recentIntakeLimit = 20;

/** Step of one document row, or null for rows another row stands for (an original already digitized, a rejected PDF). */
function stepOf(row: IntakeDocumentRow): number | null {
  if (row.kind === 'counter_original') return row.status === 'received' ? 1 : null;
  const index = (intakeStages as readonly string[]).indexOf(row.status);
  return index > 0 ? index + 1 : null;
}

function componentsOf(rows: IntakeDocumentRow[]): ComponentProgress[] {
  const byComponent = new Map<string | null, ComponentProgress>();
  for (const row of rows) {
    const step = stepOf(row);
    if (step === null) continue;
    const entry = byComponent.get(row.component_code);
    if (!entry) {
      byComponent.set(row.component_code, { componentCode: row.component_code, stage: intakeStages[step - 1] as IntakeStage, step, fileNames: [row.file_name] });
    } else {
      if (step < entry.step) Object.assign(entry, { step, stage: intakeStages[step - 1] });
      entry.fileNames.push(row.file_name);
    }
  }
  return [...byComponent.values()];
}

/**
 * Progress of the given dossiers, or, without ids, of the counter dossiers
 * the actor registered in the last recentIntakeHours. Dossiers the actor
 * may not see are left out.
 */
export async function loadIntakeProgress(ctx: AppContext, actor: Actor, dossierIds: string[]): Promise<DossierProgress[]> {
  const since = new Date(ctx.now().getTime() - recentIntakeHours * 3600_000);
  const ids = dossierIds.length > 0 ? dossierIds.slice(0, recentIntakeLimit) : await listDossierIdsRegisteredBy(ctx.db, actor.account.id, since, recentIntakeLimit);
  const dossiers: DossierRow[] = [];
  for (const id of ids) {
    const dossier = await findDossier(ctx.db, id);
    if (dossier && canSeeDossier(actor, dossier)) dossiers.push(dossier);
  }
  const rows = await listIntakeDocuments(ctx.db, dossiers.map((dossier) => dossier.id));
  const procedures = new Map((await listProcedures(ctx.db)).map((procedure) => [procedure.code, procedure]));
  const progress: DossierProgress[] = [];
  for (const dossier of dossiers) {
    const components = componentsOf(rows.filter((row) => row.dossier_id === dossier.id));
    for (const exception of await listDossierPaperExceptions(ctx.db, dossier.id)) {
      components.push({ componentCode: exception.component_code, stage: 'exception', step: intakeStages.length, fileNames: [], exceptionReason: exception.reason });
    }
    // In the procedure's order, so the list does not reshuffle between polls as documents are digitized.
    const order = (procedures.get(dossier.procedure_code)?.components ?? []).map((component) => component.code);
    const rank = (code: string | null): number => (code !== null && order.includes(code) ? order.indexOf(code) : order.length);
    components.sort((a, b) => rank(a.componentCode) - rank(b.componentCode));
    progress.push({ dossier, components, done: components.every((component) => component.step === intakeStages.length) });
  }
  return progress;
}
