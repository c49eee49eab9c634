import type { Queryable } from './client.ts';

export interface OpenDossierRow {
  id: string;
  reference: string;
  procedure_code: string;
  unit_id: string;
  unit_name_ar: string;
  unit_name_en: string;
  status: string;
  received_at: Date;
  deadline_at: Date;
}

export async function listOpenDossiersWithUnits(db: Queryable, unitIds: string[]): Promise<OpenDossierRow[]> {
  const { rows } = await db.query<OpenDossierRow>(
    `SELECT d.id, d.reference, d.procedure_code, d.unit_id, u.name_ar AS unit_name_ar, u.name_en AS unit_name_en,
            d.status, d.received_at, d.deadline_at
     FROM dossiers d JOIN units u ON u.id = d.unit_id
     WHERE d.completed_at IS NULL AND d.unit_id = ANY($1::text[])
     ORDER BY d.deadline_at`,
    [unitIds],
  );
  return rows;
}
