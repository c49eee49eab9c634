// The officers' user tasks and what completing each one records. A task's
// form key (zeebe:formDefinition formKey="sijill:<form>") names its form.
// The diagram's gateways read the variables set here:
//   confirm-digitization  digitizationMatches      (reception officer)
//   reception-check       supplementRequested      (reception officer)
//   specialist-review     supplementRequested      (processing officer)
//   approval              decision, approverId     (approver)
import type { AppContext } from '../../context.ts';
import { moveDocumentsStatus } from '../../db/documents.ts';
import { findDossier, recordDossierDecision, setDossierStatus, type DossierRow } from '../../db/dossiers.ts';
import type { UserTask, Variables } from '../../engine/port.ts';
import { SijillError } from '../../errors.ts';
import { canSeeDossier, hasRole, type Actor, type Role } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { pauseClock } from './clock.ts';

export const taskForms = ['confirm-digitization', 'reception-check', 'specialist-review', 'approval'] as const;
export type TaskForm = (typeof taskForms)[number];

export interface TaskCompletion {
  /** confirm-digitization: the digitized PDF matches the paper original. */
  matches?: boolean;
  /** reception-check and specialist-review: ask the applicant for a further document. */
  supplementRequested?: boolean;
  /** approval */
  decision?: 'approved' | 'rejected';
  note?: string;
}

export function taskFormOf(task: UserTask): TaskForm | null {
  const form = task.formKey?.replace(/^sijill:/, '');
  return (taskForms as readonly string[]).includes(form ?? '') ? (form as TaskForm) : null;
}

/** Checks that the actor may work on the task: a candidate group they hold, and the dossier in their units. */
export function canWorkOn(actor: Actor, task: UserTask, dossier: DossierRow | null): boolean {
  if (!dossier || !canSeeDossier(actor, dossier) || actor.unitIds.length === 0) return false;
  return task.candidateGroups.length === 0 || hasRole(actor, ...(task.candidateGroups as Role[]));
}

export async function loadTaskDossier(ctx: AppContext, task: UserTask): Promise<DossierRow | null> {
  const dossierId = task.variables['dossierId'];
  return typeof dossierId === 'string' ? findDossier(ctx.db, dossierId) : null;
}

/** Records the officer's completion of the task and completes it; throws request.not_found when the actor may not. */
export async function completeOfficerTask(ctx: AppContext, actor: Actor, taskKey: string, answer: TaskCompletion): Promise<void> {
  const task = await ctx.engine.getUserTask(taskKey);
  if (!task || task.state !== 'CREATED') throw new SijillError('request.not_found');
  const dossier = await loadTaskDossier(ctx, task);
  if (!dossier || !canWorkOn(actor, task, dossier)) throw new SijillError('request.not_found');
  const form = taskFormOf(task);
  if (!form) throw new SijillError('task.unknown_form', { form: task.formKey ?? '-' });

  const variables = await ctx.db.transaction(async (tx): Promise<Variables> => {
    const audit = { actor: actor.account.id, dossierId: dossier.id, subject: dossier.reference };
    switch (form) {
      case 'confirm-digitization': {
        if (typeof answer.matches !== 'boolean') throw new SijillError('task.answer_missing', { field: 'matches' });
        const moved = await moveDocumentsStatus(tx, dossier.id, 'digitized', 'awaiting_confirmation', answer.matches ? 'confirmed' : 'rejected');
        await recordAudit(tx, { ...audit, action: answer.matches ? 'digitization.confirmed' : 'digitization.rejected', details: { documents: moved, note: answer.note ?? null } });
        return { digitizationMatches: answer.matches };
      }
      case 'reception-check':
      case 'specialist-review': {
        const supplement = answer.supplementRequested === true;
        if (supplement) {
          await setDossierStatus(tx, dossier.id, 'supplement_requested');
          await pauseClock(tx, dossier, 'supplement', ctx.now());
        }
        await recordAudit(tx, { ...audit, action: `task.${form}`, details: { supplementRequested: supplement, note: answer.note ?? null } });
        return { supplementRequested: supplement, [`${form === 'reception-check' ? 'reception' : 'specialist'}Note`]: answer.note ?? '' };
      }
      case 'approval': {
        if (answer.decision !== 'approved' && answer.decision !== 'rejected') throw new SijillError('task.answer_missing', { field: 'decision' });
        if (answer.decision === 'rejected' && !answer.note?.trim()) throw new SijillError('task.answer_missing', { field: 'note' });
        await recordDossierDecision(tx, dossier.id, { decision: answer.decision, note: answer.note?.trim() || null, decidedBy: actor.account.id, at: ctx.now() });
        await recordAudit(tx, { ...audit, action: `dossier.${answer.decision}`, details: { note: answer.note ?? null } });
        return { decision: answer.decision, approverId: actor.account.id };
      }
    }
  });
  await ctx.engine.completeUserTask(taskKey, variables);
}
