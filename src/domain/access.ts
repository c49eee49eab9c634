// Who may see and do what. Citizens see only their own dossiers; staff see
// the dossiers of their unit's subtree. A dossier the caller may not see is
// reported exactly like one that does not exist.
import type { Queryable } from '../db/client.ts';
import { listSubtreeUnitIds, type AccountRow } from '../db/city.ts';
import type { DossierRow } from '../db/dossiers.ts';

export const staffRoles = ['reception-officer', 'processing-officer', 'approver', 'analyst', 'supervisor', 'inspector', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Role = StaffRole | 'citizen';

export interface Actor {
  account: AccountRow;
  /** Units the account acts in: its unit and every unit below it. */
  unitIds: string[];
}

export async function loadActor(db: Queryable, account: AccountRow): Promise<Actor> {
  return { account, unitIds: account.unit_id ? await listSubtreeUnitIds(db, account.unit_id) : [] };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.account.roles.includes(role));
}

export function canSeeDossier(actor: Actor, dossier: DossierRow): boolean {
  if (actor.account.applicant_id && dossier.applicant_id === actor.account.applicant_id) return true;
  return actor.unitIds.includes(dossier.unit_id);
}
