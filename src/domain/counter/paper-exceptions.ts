// Paper exceptions (استثناء من الرقمنة): a paper document the reception
// officer receives but cannot scan because of special circumstances (fragile,
// oversized, a sealed envelope). The officer records the reason instead of a
// scan; the exception takes the place of the component's scan, so the
// dossier continues, and it is counted in the compliance indicators.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { insertPaperException, paperExceptionReasons, type PaperExceptionReason } from '../../db/counter-exceptions.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import { SijillError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { findComponent, type Procedure } from '../procedures.ts';
import type { IncomingFile } from '../dossiers/store-files.ts';

export { paperExceptionReasons, type PaperExceptionReason };

export interface PaperExceptionInput {
  componentCode: string;
  reason: PaperExceptionReason;
  /** The officer's explanation; required with the reason "other". */
  note: string | null;
}

export function isPaperExceptionReason(value: unknown): value is PaperExceptionReason {
  return (paperExceptionReasons as readonly unknown[]).includes(value);
}

/**
 * Checks exceptions against the procedure and the scans sent with them:
 * each names an upload component of the procedure that has no scan, and
 * "other" comes with a note.
 */
export function checkPaperExceptions(procedure: Procedure, exceptions: PaperExceptionInput[], files: IncomingFile[]): void {
  for (const exception of exceptions) {
    const component = findComponent(procedure, exception.componentCode);
    if (!component || component.filledBy === 'form') throw new SijillError('dossier.component_unknown', { component: exception.componentCode });
    if (files.some((file) => file.componentCode === exception.componentCode)) {
      throw new SijillError('counter.exception_with_scan', { component: exception.componentCode });
    }
    if (exception.reason === 'other' && !exception.note?.trim()) {
      throw new SijillError('counter.exception_note_missing', { component: exception.componentCode });
    }
  }
}

/** Inserts the exceptions of a dossier and one audit event each, in the caller's transaction. */
export async function recordPaperExceptions(tx: Queryable, dossier: DossierRow, exceptions: PaperExceptionInput[], officerId: string, at: Date): Promise<void> {
  for (const exception of exceptions) {
    const id = randomUUID();
    const note = exception.note?.trim() || null;
    await insertPaperException(tx, { id, dossier_id: dossier.id, component_code: exception.componentCode, reason: exception.reason, note, recorded_by: officerId, recorded_at: at });
    await recordAudit(tx, {
      actor: officerId,
      action: 'document.paper_exception_recorded',
      dossierId: dossier.id,
      subject: dossier.reference,
      details: { exception: id, component: exception.componentCode, reason: exception.reason, note },
    }, at);
  }
}
