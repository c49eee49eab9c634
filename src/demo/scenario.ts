// The main job on real documents: three dossiers through two procedures, by
// every channel and validity path, until each ends with a signed result.
//   1. citizen1 applies online for a residence certificate (RC-02) with an
//      electronically signed national ID and a phone photo of a lease.
//   2. citizen2 applies at the counter for a retail licence (BL-01): the
//      reception officer scans two paper originals, which are digitized
//      (OCR), confirmed and sealed.
//   3. company1 applies online for a retail licence with signed PDFs of the
//      EU DSS test suite (untrusted and broken signatures); the specialist
//      requests a supplement, and the head rejects the application.
// Officers act through the same domain functions the API calls.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findAccountByUsername, findApplicant } from '../db/city.ts';
import { findDossier, type DossierRow } from '../db/dossiers.ts';
import { loadActor } from '../domain/access.ts';
import { addDossierDocuments } from '../domain/dossiers/add-documents.ts';
import { completeOfficerTask, loadTaskDossier, taskFormOf, type TaskCompletion } from '../domain/dossiers/officer-tasks.ts';
import { submitDossier, type IncomingFile } from '../domain/dossiers/submit.ts';
import type { UserTask } from '../engine/port.ts';
import { loadDemoSigner } from '../pki/demo-pki.ts';
import { renderResultDocument } from '../results/result-document.ts';
import { signPdf } from '../signatures/sign-pdf.ts';
import type { RuntimeContext } from '../runtime.ts';

export interface ScenarioOptions {
  corpusDir: string;
  /** Give up when the dossiers are not all completed by then, in ms. */
  timeoutMs?: number;
}

const officerOf: Record<string, Record<string, string>> = {
  commerce: { 'reception-officer': 'reception.commerce', 'processing-officer': 'officer.commerce', approver: 'head.commerce' },
  'ward-1': { 'reception-officer': 'reception.ward1', 'processing-officer': 'officer.ward1', approver: 'head.ward1' },
};

export async function runDemoScenario(ctx: RuntimeContext, options: ScenarioOptions): Promise<DossierRow[]> {
  const corpus = (...parts: string[]) => readFile(path.join(options.corpusDir, ...parts)).then((b) => new Uint8Array(b));
  const account = async (username: string) => {
    const found = await findAccountByUsername(ctx.db, username);
    if (!found) throw new Error(`demo account ${username} is missing: load the demo city first`);
    return found;
  };
  const citizen1 = await account('citizen1');
  const citizen2 = await account('citizen2');
  const company1 = await account('company1');
  const reception = await account('reception.commerce');

  const residence = await submitDossier(ctx, {
    procedureCode: 'RC-02', applicantId: citizen1.applicant_id as string, channel: 'online',
    form: { address: 'حي النخيل، شارع الملك فهد، مبنى 12', residentSince: '2019-03-01', purpose: 'فتح حساب مصرفي' },
    files: [
      { componentCode: 'national-id', fileName: 'national-id.pdf', bytes: await nationalIdPdf(ctx, citizen1.applicant_id as string), paperOriginal: false },
      { componentCode: 'proof-of-address', fileName: 'lease-photo.jpg', bytes: await corpus('scans', 'arabic-admin', 'residence-certificate.scan.jpg'), paperOriginal: false },
    ],
    declaration: 'declared-true-copies', idempotencyKey: 'demo-rc02-citizen1', actorAccountId: citizen1.id,
  });

  const counter = await submitDossier(ctx, {
    procedureCode: 'BL-01', applicantId: citizen2.applicant_id as string, channel: 'counter',
    form: { businessName: 'بقالة الجهني', activity: 'بيع المواد الغذائية بالتجزئة', premisesAddress: 'حي الورود، شارع الأمير سلطان 8', floorArea: 85 },
    files: [
      { componentCode: 'national-id', fileName: 'national-id.pdf', bytes: await nationalIdPdf(ctx, citizen2.applicant_id as string), paperOriginal: false },
      { componentCode: 'premises-title', fileName: 'application-scan.png', bytes: await corpus('scans', 'arabic-admin', 'application-business-licence.scan.png'), paperOriginal: true },
      { componentCode: 'fire-safety-report', fileName: 'fire-safety.tif', bytes: await corpus('scans', 'arabic-admin', 'fire-safety-and-tax.scan.tif'), paperOriginal: true },
    ] satisfies IncomingFile[],
    declaration: null, idempotencyKey: 'demo-bl01-citizen2', actorAccountId: reception.id,
  });

  const company = await submitDossier(ctx, {
    procedureCode: 'BL-01', applicantId: company1.applicant_id as string, channel: 'online',
    form: { businessName: 'شركة النخيل للتجارة - فرع 3', activity: 'بيع الأجهزة الإلكترونية', premisesAddress: 'طريق الملك عبد العزيز 140', floorArea: 240 },
    files: [
      { componentCode: 'national-id', fileName: 'representative-id.pdf', bytes: await corpus('signatures', 'esig-dss', 'pdf-signed-original.pdf'), paperOriginal: false },
      { componentCode: 'premises-title', fileName: 'lease.pdf', bytes: await corpus('signatures', 'esig-dss', 'pades-bes.pdf'), paperOriginal: false },
      { componentCode: 'fire-safety-report', fileName: 'fire-safety.pdf', bytes: await corpus('signatures', 'esig-dss', 'Signature-P-DE_CRY-2_HASH_FAILURE.pdf'), paperOriginal: false },
      { componentCode: 'tax-clearance', fileName: 'tax-clearance.pdf', bytes: await corpus('signatures', 'pyhanko', 'minimal-two-fields-signed-twice.pdf'), paperOriginal: false },
    ],
    declaration: 'declared-true-copies', idempotencyKey: 'demo-bl01-company1', actorAccountId: company1.id,
  });

  const dossierIds = [residence.dossier.id, counter.dossier.id, company.dossier.id];
  const supplementRequested = new Set<string>();
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const dossiers = await Promise.all(dossierIds.map((id) => findDossier(ctx.db, id)));
    if (dossiers.every((d) => d?.completed_at)) return dossiers as DossierRow[];
    if (Date.now() > deadline) {
      throw new Error(`demo dossiers not completed in time: ${dossiers.map((d) => `${d?.reference}=${d?.status}`).join(', ')}`);
    }
    const tasks = await ctx.engine.searchUserTasks({ state: 'CREATED' });
    for (const task of tasks) await actOn(ctx, task, company.dossier.id, supplementRequested);
    for (const dossier of dossiers) {
      if (dossier?.status === 'supplement_requested' && dossier.id === company.dossier.id && supplementRequested.has(dossier.id) && (await waitingForSupplement(ctx, dossier))) {
        await addDossierDocuments(ctx, dossier, {
          files: [{ componentCode: 'fire-safety-report', fileName: 'fire-safety-scan.tif', bytes: await corpus('scans', 'arabic-admin', 'fire-safety-and-tax.scan.tif'), paperOriginal: false }],
          declaration: 'declared-true-copies',
          actorAccountId: company1.id,
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitingForSupplement(ctx: RuntimeContext, dossier: DossierRow): Promise<boolean> {
  if (!dossier.process_instance_key) return false;
  const instance = await ctx.engine.getProcessInstance(dossier.process_instance_key);
  return instance?.activeElementIds.includes('supplement_received') ?? false;
}

async function actOn(ctx: RuntimeContext, task: UserTask, rejectedDossierId: string, supplementRequested: Set<string>): Promise<void> {
  const dossier = await loadTaskDossier(ctx, task);
  if (!dossier) return;
  const group = task.candidateGroups[0] ?? '';
  const username = officerOf[dossier.unit_id]?.[group];
  if (!username) return;
  const officer = await findAccountByUsername(ctx.db, username);
  if (!officer) return;
  let answer: TaskCompletion;
  switch (taskFormOf(task)) {
    case 'confirm-digitization':
      answer = { matches: true, note: 'مطابق للأصل الورقي' };
      break;
    case 'reception-check':
      answer = { supplementRequested: false };
      break;
    case 'specialist-review': {
      const ask = dossier.id === rejectedDossierId && !supplementRequested.has(dossier.id);
      if (ask) supplementRequested.add(dossier.id);
      answer = { supplementRequested: ask, note: ask ? 'تقرير السلامة من الحريق يحمل توقيعاً تالفاً؛ يرجى إرسال تقرير صالح.' : 'المستندات مكتملة' };
      break;
    }
    case 'approval':
      answer = dossier.id === rejectedDossierId
        ? { decision: 'rejected', note: 'تقرير السلامة من الحريق غير موقّع من الجهة المختصة.' }
        : { decision: 'approved' };
      break;
    default:
      return;
  }
  await completeOfficerTask(ctx, await loadActor(ctx.db, officer), task.userTaskKey, answer);
}

/** Renders a national ID extract sealed by the demo Civil Registry: an e_authenticated document. */
async function nationalIdPdf(ctx: RuntimeContext, applicantId: string): Promise<Uint8Array> {
  const applicant = await findApplicant(ctx.db, applicantId);
  const issuedAt = new Date('2025-01-15T09:00:00Z');
  const pdf = renderResultDocument({
    kind: 'certificate',
    procedure: { ar: 'مستخرج بطاقة الهوية الوطنية', en: 'National identity card extract' },
    reference: `NID-${applicant?.identifier ?? '0'}`,
    applicant: { name: applicant?.full_name ?? '-', identifier: applicant?.identifier ?? '-', identifierKind: 'national_id' },
    issuer: { ar: 'إدارة الأحوال المدنية', en: 'Civil Registry' },
    decision: { outcome: 'approved' },
    issuedAt,
    validUntil: new Date('2035-01-14T09:00:00Z'),
    fields: [],
    verification: { code: `NID${applicant?.identifier ?? '0'}`, url: 'https://civil-registry.demo.sijill.invalid/verify' },
    timeZone: ctx.config.SIJILL_TIMEZONE,
  });
  return signPdf(pdf, await loadDemoSigner(ctx.pkiDir, 'seal', 'civil-registry'), { reason: 'مستخرج رسمي / Official extract', name: 'إدارة الأحوال المدنية' });
}
