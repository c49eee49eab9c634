// notify: tells the applicant (or, for an SLA breach, the unit's supervisors)
// what happened, in Arabic and English. The event comes from the task's
// `event` header. One notification per dossier and event, so a redelivered
// job sends nothing twice. Delivery (e-mail, SMS) reads the notifications
// table; the embedded default keeps them for the portal to show. An SLA
// breach whose deadline a supplement pause moved waits for the new one.
import { randomUUID } from 'node:crypto';
import { findApplicant } from '../../src/db/city.ts';
import { insertNotificationOnce } from '../../src/db/notifications.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { timeUntilDeadline } from '../../src/domain/dossiers/clock.ts';
import { t } from '../../src/i18n/index.ts';
import { loadJobDossier, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const notifyEvents = ['result-issued', 'supplement-requested', 'sla-breach'] as const;

/** Maximum wait before an SLA breach escalation reads the deadline again. */
const maxBreachWaitMs = 60 * 60_000;

export const notifyWorker: WorkerDefinition = {
  type: 'notify',
  fetchVariables: ['dossierId'],
  timeoutMs: 30_000,
  concurrency: 8,
  async handle(job, ctx) {
    const event = job.customHeaders['event'];
    if (!event || !(notifyEvents as readonly string[]).includes(event)) {
      return JobOutcome.bpmnError('unknown-notification', `task header "event" is ${JSON.stringify(event)}; expected one of ${notifyEvents.join(', ')}`);
    }
    const dossier = await loadJobDossier(job, ctx);
    if (event === 'sla-breach') {
      // The boundary timer was set to the deadline when handling began; a
      // supplement pause since then stopped the clock or moved the deadline.
      const untilDeadline = await timeUntilDeadline(ctx.db, dossier, ctx.now());
      if (untilDeadline > 0) {
        return JobOutcome.wait(`deadline of ${dossier.reference} has not passed yet`, Math.min(untilDeadline, maxBreachWaitMs));
      }
    }
    const dossierId = dossier.id;
    const applicant = await findApplicant(ctx.db, dossier.applicant_id);
    const recipient = event === 'sla-breach' ? `supervisors:${dossier.unit_id}` : (applicant?.email ?? `applicant:${dossier.applicant_id}`);
    const params = { reference: dossier.reference };
    const sent = await ctx.db.transaction(async (tx) => {
      const fresh = await insertNotificationOnce(tx, {
        id: randomUUID(),
        dossier_id: dossierId,
        event,
        recipient,
        message: { ar: t(`notify.${event}`, 'ar', params), en: t(`notify.${event}`, 'en', params) },
      });
      if (fresh) await recordAudit(tx, { actor: 'worker:notify', action: `notification.${event}`, dossierId, subject: dossier.reference, details: { recipient } });
      return fresh;
    });
    return JobOutcome.complete(event === 'sla-breach' ? { slaBreached: true } : { notified: sent || true });
  },
};
