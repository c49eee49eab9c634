// The summary `sijill demo` prints last, as one JSON line: what the main job
// did on the real documents.
import type { Queryable } from '../db/client.ts';
import { countDocuments } from '../db/documents.ts';
import { countDossiers } from '../db/dossiers.ts';
import { listDeadlines, listValidatedDocuments } from '../db/summary.ts';

export interface DemoSummary {
  dossiersSubmitted: number;
  dossiersCompleted: number;
  documentsDigitized: number;
  signaturesVerified: { file: string; component: string | null; basis: string | null; indication: string; subIndication: string | null }[];
  validityBases: Record<string, number>;
  resultsIssued: number;
  deadlines: { reference: string; decision: string | null; receivedAt: string; deadlineAt: string; completedAt: string | null; onTime: boolean | null }[];
}

interface ReportLike {
  indication?: unknown;
  subIndication?: unknown;
}

export async function summarizeDemo(db: Queryable, now: Date): Promise<DemoSummary> {
  const dossiers = await countDossiers(db, now);
  const documents = await countDocuments(db);
  const signatures: DemoSummary['signaturesVerified'] = [];
  for (const row of await listValidatedDocuments(db)) {
    const reports = Array.isArray(row.validation_report) ? (row.validation_report as ReportLike[]) : [];
    for (const report of reports) {
      signatures.push({
        file: row.file_name,
        component: row.component_code,
        basis: row.validity_basis,
        indication: String(report.indication),
        subIndication: typeof report.subIndication === 'string' ? report.subIndication : null,
      });
    }
  }
  return {
    dossiersSubmitted: dossiers.submitted,
    dossiersCompleted: dossiers.completed,
    documentsDigitized: documents.digitized,
    signaturesVerified: signatures,
    validityBases: documents.by_basis,
    resultsIssued: documents.results,
    deadlines: (await listDeadlines(db)).map((row) => ({
      reference: row.reference,
      decision: row.decision,
      receivedAt: new Date(row.received_at).toISOString(),
      deadlineAt: new Date(row.deadline_at).toISOString(),
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
      onTime: row.completed_at ? new Date(row.completed_at) <= new Date(row.deadline_at) : null,
    })),
  };
}
