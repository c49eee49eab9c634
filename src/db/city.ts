// Units, applicants and accounts: who the city is and who acts in it.
import type { Queryable } from './client.ts';

export interface UnitRow {
  id: string;
  parent_id: string | null;
  kind: 'city' | 'department' | 'district' | 'ward';
  path: string;
  name_ar: string;
  name_en: string;
}

export interface ApplicantRow {
  id: string;
  kind: 'individual' | 'organization';
  identifier: string;
  full_name: string;
  email: string | null;
  phone: string | null;
}

export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  roles: string[];
  unit_id: string | null;
  applicant_id: string | null;
}

export async function upsertUnit(db: Queryable, unit: UnitRow): Promise<void> {
  await db.query(
    `INSERT INTO units (id, parent_id, kind, path, name_ar, name_en) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET parent_id = $2, kind = $3, path = $4, name_ar = $5, name_en = $6`,
    [unit.id, unit.parent_id, unit.kind, unit.path, unit.name_ar, unit.name_en],
  );
}

export async function listUnits(db: Queryable): Promise<UnitRow[]> {
  return (await db.query<UnitRow>('SELECT * FROM units ORDER BY path')).rows;
}

export async function findUnit(db: Queryable, id: string): Promise<UnitRow | null> {
  return (await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [id])).rows[0] ?? null;
}

/** Ids of the unit and every unit below it. */
export async function listSubtreeUnitIds(db: Queryable, unitId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM units u, units root WHERE root.id = $1 AND (u.path = root.path OR u.path LIKE root.path || '/%')`,
    [unitId],
  );
  return rows.map((row) => row.id);
}

export async function upsertApplicant(db: Queryable, applicant: ApplicantRow): Promise<ApplicantRow> {
  const { rows } = await db.query<ApplicantRow>(
    `INSERT INTO applicants (id, kind, identifier, full_name, email, phone) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (identifier) DO UPDATE SET full_name = $4, email = $5, phone = $6
     RETURNING *`,
    [applicant.id, applicant.kind, applicant.identifier, applicant.full_name, applicant.email, applicant.phone],
  );
  return rows[0] as ApplicantRow;
}

export async function findApplicant(db: Queryable, id: string): Promise<ApplicantRow | null> {
  return (await db.query<ApplicantRow>('SELECT * FROM applicants WHERE id = $1', [id])).rows[0] ?? null;
}

export async function upsertAccount(db: Queryable, account: AccountRow): Promise<void> {
  await db.query(
    `INSERT INTO accounts (id, username, password_hash, display_name, roles, unit_id, applicant_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (username) DO UPDATE SET password_hash = $3, display_name = $4, roles = $5, unit_id = $6, applicant_id = $7`,
    [account.id, account.username, account.password_hash, account.display_name, account.roles, account.unit_id, account.applicant_id],
  );
}

export async function findAccountByUsername(db: Queryable, username: string): Promise<AccountRow | null> {
  return (await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username])).rows[0] ?? null;
}

export async function findAccount(db: Queryable, id: string): Promise<AccountRow | null> {
  return (await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id])).rows[0] ?? null;
}

export async function listAccounts(db: Queryable): Promise<AccountRow[]> {
  return (await db.query<AccountRow>('SELECT * FROM accounts ORDER BY username')).rows;
}
