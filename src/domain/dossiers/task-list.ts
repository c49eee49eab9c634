// The open user tasks an officer may work on, with their dossiers: a
// candidate group the officer holds and the dossier in the officer's units.
// The tasklist screen and GET /api/tasks both list tasks through here.
import type { AppContext } from '../../context.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import type { UserTask } from '../../engine/port.ts';
import { SijillError } from '../../errors.ts';
import type { Actor } from '../access.ts';
import { workingTimeLeft } from '../calendar.ts';
import { listProcedures } from '../catalogue.ts';
import { canWorkOn, loadTaskDossier, taskFormOf, type TaskForm } from './officer-tasks.ts';

export interface OpenTask {
  key: string;
  name: string;
  elementId: string;
  candidateGroups: string[];
  createdAt: string;
  form: TaskForm;
  dossier: DossierRow;
  procedureName: { ar: string; en: string } | null;
  workingMinutesLeft: number;
}

/** Open tasks the actor may work on, nearest deadline first; tasks with a form Sijill does not know are left out. */
export async function listOpenTasks(ctx: AppContext, actor: Actor): Promise<OpenTask[]> {
  const tasks = await ctx.engine.searchUserTasks({ state: 'CREATED', candidateGroups: actor.account.roles });
  const names = new Map((await listProcedures(ctx.db)).map((procedure) => [procedure.code, procedure.name]));
  const now = ctx.now();
  const open: OpenTask[] = [];
  for (const task of tasks) {
    const form = taskFormOf(task);
    const dossier = await loadTaskDossier(ctx, task);
    if (!form || !dossier || !canWorkOn(actor, task, dossier)) continue;
    open.push({
      key: task.userTaskKey,
      name: task.name,
      elementId: task.elementId,
      candidateGroups: task.candidateGroups,
      createdAt: task.createdAt,
      form,
      dossier,
      procedureName: names.get(dossier.procedure_code) ?? null,
      workingMinutesLeft: Math.round(workingTimeLeft(now, new Date(dossier.deadline_at), ctx.calendar)),
    });
  }
  return open.sort((a, b) => new Date(a.dossier.deadline_at).getTime() - new Date(b.dossier.deadline_at).getTime());
}

/** The open task with its dossier; throws request.not_found when it is closed or the actor may not work on it. */
export async function loadOpenTask(ctx: AppContext, actor: Actor, key: string): Promise<{ task: UserTask; form: TaskForm; dossier: DossierRow }> {
  const task = /^[0-9]{1,20}$/.test(key) ? await ctx.engine.getUserTask(key) : null;
  if (!task || task.state !== 'CREATED') throw new SijillError('request.not_found');
  const dossier = await loadTaskDossier(ctx, task);
  const form = taskFormOf(task);
  if (!dossier || !form || !canWorkOn(actor, task, dossier)) throw new SijillError('request.not_found');
  return { task, form, dossier };
}
