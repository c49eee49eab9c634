import type { Queryable } from './client.ts';

export interface DossierRow {
  id: string;
  reference: string;
  procedure_code: string;
  applicant_id: string;
  unit_id: string;
  channel: 'online' | 'counter' | 'postal';
  status: string;
  form: Record<string, unknown>;
  idempotency_key: string | null;
  process_instance_key: string | null;
  process_version: number | null;
  received_at: Date;
  deadline_at: Date;
  decision: 'approved' | 'rejected' | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  completed_at: Date | null;
  created_by: string | null;
}

export type NewDossier = Omit<DossierRow, 'reference' | 'process_instance_key' | 'process_version' | 'decision' | 'decision_note' | 'decided_by' | 'decided_at' | 'completed_at'>;

/** Inserts a dossier with the next reference number, e.g. BL-01-2026-000042. */
export async function insertDossier(db: Queryable, dossier: NewDossier): Promise<DossierRow> {
  const { rows } = await db.query<DossierRow>(
    `INSERT INTO dossiers (id, reference, procedure_code, applicant_id, unit_id, channel, status, form, idempotency_key, received_at, deadline_at, created_by)
     VALUES ($1, $2 || '-' || to_char($9::timestamptz, 'YYYY') || '-' || lpad(nextval('dossier_reference_seq')::text, 6, '0'),
             $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING *`,
    [dossier.id, dossier.procedure_code, dossier.applicant_id, dossier.unit_id, dossier.channel, dossier.status,
      JSON.stringify(dossier.form), dossier.idempotency_key, dossier.received_at, dossier.deadline_at, dossier.created_by],
  );
  return rows[0] as DossierRow;
}

export async function findDossier(db: Queryable, id: string): Promise<DossierRow | null> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE id = $1', [id])).rows[0] ?? null;
}

export async function findDossierForUpdate(db: Queryable, id: string): Promise<DossierRow | null> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [id])).rows[0] ?? null;
}

export async function findDossierByIdempotencyKey(db: Queryable, key: string): Promise<DossierRow | null> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE idempotency_key = $1', [key])).rows[0] ?? null;
}

export async function findDossierByReference(db: Queryable, reference: string): Promise<DossierRow | null> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE reference = $1', [reference])).rows[0] ?? null;
}

export async function listDossiersOfApplicant(db: Queryable, applicantId: string): Promise<DossierRow[]> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE applicant_id = $1 ORDER BY received_at DESC', [applicantId])).rows;
}

export async function listDossiersInUnits(db: Queryable, unitIds: string[], openOnly: boolean): Promise<DossierRow[]> {
  const { rows } = await db.query<DossierRow>(
    `SELECT * FROM dossiers WHERE unit_id = ANY($1::text[]) AND ($2::boolean = false OR completed_at IS NULL)
     ORDER BY deadline_at`,
    [unitIds, openOnly],
  );
  return rows;
}

/** Dossiers whose process instance was never started (a crash between commit and start). */
export async function listDossiersWithoutInstance(db: Queryable): Promise<DossierRow[]> {
  return (await db.query<DossierRow>('SELECT * FROM dossiers WHERE process_instance_key IS NULL ORDER BY received_at')).rows;
}

export async function setDossierInstance(db: Queryable, id: string, processInstanceKey: string, version: number): Promise<void> {
  await db.query('UPDATE dossiers SET process_instance_key = $2, process_version = $3 WHERE id = $1', [id, processInstanceKey, version]);
}

export async function setDossierStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query('UPDATE dossiers SET status = $2 WHERE id = $1', [id, status]);
}

export async function recordDossierDecision(
  db: Queryable,
  id: string,
  decision: { decision: 'approved' | 'rejected'; note: string | null; decidedBy: string; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE dossiers SET decision = $2, decision_note = $3, decided_by = $4, decided_at = $5, status = 'decided' WHERE id = $1`,
    [id, decision.decision, decision.note, decision.decidedBy, decision.at],
  );
}

export async function completeDossierRow(db: Queryable, id: string, status: string, at: Date): Promise<void> {
  await db.query('UPDATE dossiers SET status = $2, completed_at = $3 WHERE id = $1 AND completed_at IS NULL', [id, status, at]);
}

export interface DossierCounts {
  submitted: number;
  completed: number;
  breached_open: number;
  completed_late: number;
}

export async function countDossiers(db: Queryable, now: Date): Promise<DossierCounts> {
  const { rows } = await db.query<DossierCounts>(
    `SELECT count(*)::int AS submitted,
            count(completed_at)::int AS completed,
            count(*) FILTER (WHERE completed_at IS NULL AND deadline_at < $1)::int AS breached_open,
            count(*) FILTER (WHERE completed_at > deadline_at)::int AS completed_late
     FROM dossiers`,
    [now],
  );
  return rows[0] as DossierCounts;
}

/** Serializes submissions of one applicant for one procedure until the transaction ends. */
export async function lockApplicantProcedure(db: Queryable, applicantId: string, procedureCode: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dossier:${applicantId}:${procedureCode}`]);
}

export async function findOpenDossier(db: Queryable, applicantId: string, procedureCode: string): Promise<DossierRow | null> {
  const { rows } = await db.query<DossierRow>(
    'SELECT * FROM dossiers WHERE applicant_id = $1 AND procedure_code = $2 AND completed_at IS NULL LIMIT 1',
    [applicantId, procedureCode],
  );
  return rows[0] ?? null;
}
