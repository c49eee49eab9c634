// The officer task page rendered from rows, without a server: the banner
// that lists documents that are not valid or rest on a basis their component
// does not accept.
import type { DocumentRow } from '../../src/db/documents.ts';
import type { DossierRow } from '../../src/db/dossiers.ts';
import { readCatalogue, type Procedure } from '../../src/domain/procedures.ts';
import { renderTaskPage, type TaskPageData } from '../../src/web/pages/task.ts';
import type { Language } from '../../src/i18n/index.ts';

let procedure: Procedure;

beforeAll(async () => {
  const entry = (await readCatalogue('bpmn')).find((item) => item.procedure.code === 'RC-02');
  if (!entry) throw new Error('RC-02 missing from bpmn/');
  procedure = entry.procedure;
});

const dossier: DossierRow = {
  id: '00000000-0000-4000-8000-000000000001', reference: 'RC-02-2026-000001', procedure_code: 'RC-02', applicant_id: 'a1', unit_id: 'ward-1',
  channel: 'online', status: 'in_progress', form: {}, idempotency_key: null, process_instance_key: null, process_version: null,
  received_at: new Date('2026-01-05T08:00:00Z'), deadline_at: new Date('2026-01-12T08:00:00Z'), decision: null, decision_note: null,
  decided_by: null, decided_at: null, completed_at: null, created_by: null,
};

function documentRow(overrides: Partial<DocumentRow>): DocumentRow {
  return {
    id: '00000000-0000-4000-8000-0000000000d1', dossier_id: dossier.id, applicant_id: 'a1', component_code: 'national-id', kind: 'upload',
    sha256: 'ab'.repeat(32), media_type: 'application/pdf', byte_size: 2048, file_name: 'id.pdf', page_count: 1, source_document_id: null,
    status: 'valid', validity_basis: 'e_authenticated', validity_reason: { ar: 'موقّع', en: 'Signed' }, validation_report: null, declaration: null,
    ocr_text: null, ocr_languages: null, received_at: new Date('2026-01-05T08:00:00Z'), created_by: null, verification_code: null, flags: [], ...overrides,
  };
}

function render(documents: DocumentRow[], lang: Language, form: TaskPageData['form'] = 'approval'): string {
  const page = { lang, actor: null, currentUrl: '/tasks/1', timeZone: 'Asia/Riyadh' };
  return renderTaskPage(page, {
    taskKey: '1', taskName: 'approval', form, dossier, applicant: null, procedure, documents, workingMinutesLeft: 600, values: {}, error: null,
  });
}

const flagged = [
  documentRow({ id: 'd-invalid', status: 'invalid', validity_basis: 'invalid', file_name: 'forged<b>.pdf', validity_reason: { ar: 'التوقيع فشل', en: 'The signature failed' } }),
  documentRow({ id: 'd-basis', component_code: 'proof-of-address', status: 'not_accepted', validity_basis: 'self_declared', file_name: 'lease.jpg', validity_reason: { ar: 'هذا المكوّن لا يقبل', en: 'This component does not accept' } }),
];

test('approval banner lists flagged documents', () => {
  const body = render([documentRow({}), ...flagged], 'en');
  const banner = /<section class="warning-banner"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
  expect(banner).toContain('2 documents need your attention');
  expect(banner).toContain('The signature failed');
  expect(banner).toContain('This component does not accept');
  expect(banner).toContain('forged&#60;b&#62;.pdf');
  expect(banner).not.toContain('id.pdf');
  expect(banner).toContain('before you approve');
  expect(banner).toContain('class="badge doc-not_accepted">Basis not accepted<');
});

test('arabic banner uses dual plural', () => {
  const body = render(flagged, 'ar');
  expect(body).toContain('مستندان يحتاجان انتباهك');
  expect(body).toContain('أساس غير مقبول');
});

test('banner absent when documents valid', () => {
  const body = render([documentRow({})], 'en', 'specialist-review');
  expect(body).not.toContain('warning-banner');
});

test('approval stays possible with warnings', () => {
  const body = render(flagged, 'en');
  expect(body).toContain('name="answer" value="approved"');
});

test('ocr languages say whether they were detected', () => {
  const original = documentRow({ id: 'd-original', kind: 'counter_original', status: 'digitized', ocr_languages: 'fra' });
  const digitized = documentRow({ id: 'd-pdf', kind: 'digitized', status: 'sealed', source_document_id: 'd-original', ocr_text: 'Bonjour', ocr_languages: 'fra' });
  const detectedOriginal = { ...original, ocr_languages: 'auto' };

  const chosen = render([original, digitized], 'en');
  const detected = render([detectedOriginal, digitized], 'en');

  expect(chosen).toContain('OCR languages: French</p>');
  expect(detected).toContain('OCR languages: French (detected from the first page)</p>');
});
