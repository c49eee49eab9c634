// JSON shapes the API returns, built from database rows.
import type { DocumentRow } from '../db/documents.ts';
import type { DossierRow } from '../db/dossiers.ts';
import { workingTimeLeft, type WorkingCalendar } from '../domain/calendar.ts';
import type { Procedure } from '../domain/procedures.ts';

export interface DocumentView {
  id: string;
  componentCode: string | null;
  kind: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  pageCount: number | null;
  status: string;
  validityBasis: string | null;
  validityReason: { ar: string; en: string } | null;
  sourceDocumentId: string | null;
  verificationCode: string | null;
  /** Active content found at intake; such a file is kept but never served. */
  flags: string[];
  receivedAt: string;
}

export function documentView(doc: DocumentRow): DocumentView {
  return {
    id: doc.id,
    componentCode: doc.component_code,
    kind: doc.kind,
    fileName: doc.file_name,
    mediaType: doc.media_type,
    byteSize: Number(doc.byte_size),
    sha256: doc.sha256,
    pageCount: doc.page_count,
    status: doc.status,
    validityBasis: doc.validity_basis,
    validityReason: doc.validity_reason,
    sourceDocumentId: doc.source_document_id,
    verificationCode: doc.verification_code,
    flags: doc.flags,
    receivedAt: new Date(doc.received_at).toISOString(),
  };
}

export interface DossierView {
  id: string;
  reference: string;
  procedureCode: string;
  procedureName: { ar: string; en: string } | null;
  unitId: string;
  channel: string;
  status: string;
  form: Record<string, unknown>;
  receivedAt: string;
  deadlineAt: string;
  /** Working minutes left until the deadline; negative once breached; null when completed. */
  workingMinutesLeft: number | null;
  decision: string | null;
  decisionNote: string | null;
  completedAt: string | null;
  processInstanceKey: string | null;
  processVersion: number | null;
  documents: DocumentView[];
}

export function dossierView(dossier: DossierRow, documents: DocumentRow[], procedure: Procedure | null, calendar: WorkingCalendar, now: Date): DossierView {
  const deadline = new Date(dossier.deadline_at);
  return {
    id: dossier.id,
    reference: dossier.reference,
    procedureCode: dossier.procedure_code,
    procedureName: procedure?.name ?? null,
    unitId: dossier.unit_id,
    channel: dossier.channel,
    status: dossier.status,
    form: dossier.form,
    receivedAt: new Date(dossier.received_at).toISOString(),
    deadlineAt: deadline.toISOString(),
    workingMinutesLeft: dossier.completed_at ? null : Math.round(workingTimeLeft(now, deadline, calendar)),
    decision: dossier.decision,
    decisionNote: dossier.decision_note,
    completedAt: dossier.completed_at ? new Date(dossier.completed_at).toISOString() : null,
    processInstanceKey: dossier.process_instance_key,
    processVersion: dossier.process_version,
    documents: documents.map(documentView),
  };
}
