// The demo city: its units, staff, applicants and PKI. Loaded by `sijill demo`
// and by the tests; idempotent, so it can run on every start.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { findAccountByUsername, upsertAccount, upsertApplicant, upsertUnit, type UnitRow } from '../db/city.ts';
import type { Role } from '../domain/access.ts';
import { hashPassword } from '../domain/passwords.ts';
import { createDemoPki } from '../pki/demo-pki.ts';

export const demoPassword = 'sijill-demo';

export const demoUnits: UnitRow[] = [
  { id: 'city', parent_id: null, kind: 'city', path: 'city', name_ar: 'مدينة سِجِلّ النموذجية', name_en: 'Sijill Demo City' },
  { id: 'commerce', parent_id: 'city', kind: 'department', path: 'city/commerce', name_ar: 'إدارة التجارة', name_en: 'Department of Commerce' },
  { id: 'construction', parent_id: 'city', kind: 'department', path: 'city/construction', name_ar: 'إدارة البناء', name_en: 'Department of Construction' },
  { id: 'civil-registry', parent_id: 'city', kind: 'department', path: 'city/civil-registry', name_ar: 'إدارة الأحوال المدنية', name_en: 'Civil Registry' },
  { id: 'district-1', parent_id: 'city', kind: 'district', path: 'city/district-1', name_ar: 'الحي الإداري الأول', name_en: 'First District' },
  { id: 'ward-1', parent_id: 'district-1', kind: 'ward', path: 'city/district-1/ward-1', name_ar: 'مكتب حي النخيل', name_en: 'Al-Nakhil Ward Office' },
  { id: 'ward-2', parent_id: 'district-1', kind: 'ward', path: 'city/district-1/ward-2', name_ar: 'مكتب حي الورود', name_en: 'Al-Wurud Ward Office' },
];

export interface DemoStaff {
  username: string;
  name: string;
  unit: string;
  roles: Role[];
}

export const demoStaff: DemoStaff[] = [
  { username: 'reception.commerce', name: 'سارة الحربي', unit: 'commerce', roles: ['reception-officer'] },
  { username: 'officer.commerce', name: 'خالد العتيبي', unit: 'commerce', roles: ['processing-officer'] },
  { username: 'head.commerce', name: 'منى القحطاني', unit: 'commerce', roles: ['approver', 'supervisor'] },
  { username: 'reception.ward1', name: 'يوسف الدوسري', unit: 'ward-1', roles: ['reception-officer'] },
  { username: 'officer.ward1', name: 'نورة الشمري', unit: 'ward-1', roles: ['processing-officer'] },
  { username: 'head.ward1', name: 'عبد الله الزهراني', unit: 'ward-1', roles: ['approver'] },
  { username: 'analyst', name: 'ريم المالكي', unit: 'city', roles: ['analyst'] },
  { username: 'supervisor', name: 'فهد السبيعي', unit: 'city', roles: ['supervisor', 'inspector'] },
];

export interface DemoApplicant {
  username: string;
  kind: 'individual' | 'organization';
  identifier: string;
  name: string;
  email: string;
}

export const demoApplicants: DemoApplicant[] = [
  { username: 'citizen1', kind: 'individual', identifier: '1000000001', name: 'أحمد بن علي الغامدي', email: 'citizen1@demo.sijill.invalid' },
  { username: 'citizen2', kind: 'individual', identifier: '1000000002', name: 'ليلى حسن الجهني', email: 'citizen2@demo.sijill.invalid' },
  { username: 'company1', kind: 'organization', identifier: 'CR-7000001', name: 'شركة النخيل للتجارة', email: 'company1@demo.sijill.invalid' },
];

/** Creates or refreshes the demo city in the database and its PKI in `pkiDir`. */
export async function loadDemoCity(db: Db, pkiDir: string): Promise<void> {
  for (const unit of demoUnits) await upsertUnit(db, unit);
  const passwordHash = await hashPassword(demoPassword);
  for (const staff of demoStaff) {
    const existing = await findAccountByUsername(db, staff.username);
    await upsertAccount(db, {
      id: existing?.id ?? randomUUID(), username: staff.username, password_hash: passwordHash, display_name: staff.name,
      roles: staff.roles, unit_id: staff.unit, applicant_id: null,
    });
  }
  for (const person of demoApplicants) {
    const applicant = await upsertApplicant(db, { id: randomUUID(), kind: person.kind, identifier: person.identifier, full_name: person.name, email: person.email, phone: null });
    const existing = await findAccountByUsername(db, person.username);
    await upsertAccount(db, {
      id: existing?.id ?? randomUUID(), username: person.username, password_hash: passwordHash, display_name: person.name,
      roles: ['citizen'], unit_id: null, applicant_id: applicant.id,
    });
  }
  await createDemoPki(pkiDir, {
    units: demoUnits.map((unit) => ({ id: unit.id, name: unit.name_ar })),
    officers: demoStaff.map((staff) => ({ id: staff.username, name: staff.name, unitName: demoUnits.find((u) => u.id === staff.unit)?.name_ar ?? staff.unit })),
  });
}
