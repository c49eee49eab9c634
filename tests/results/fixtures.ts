// Inputs and helpers shared by the result document tests.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ReceiptInput } from '../../src/results/receipt.ts';
import type { ResultDocumentInput } from '../../src/results/result-document.ts';

export function resultInput(overrides: Partial<ResultDocumentInput> = {}): ResultDocumentInput {
  return {
    kind: 'licence',
    procedure: { ar: 'رخصة بناء سكني', en: 'Residential building permit' },
    reference: 'SJL-2025/000123',
    applicant: { name: 'أحمد بن علي', identifier: '1012345678', identifierKind: 'national_id' },
    issuer: { ar: 'بلدية المدينة', en: 'City municipality' },
    decision: { outcome: 'approved' },
    issuedAt: new Date('2025-03-05T09:30:00Z'),
    validUntil: new Date('2026-03-04T21:00:00Z'),
    fields: [
      { label: 'رقم القطعة', value: '4471/B' },
      { label: 'الهاتف', value: '+966 50 123 4567' },
      { label: 'الحي', value: 'حي النخيل' },
    ],
    verification: { code: 'K7Q2-9XPM', url: 'https://sijill.example/verify/K7Q2-9XPM' },
    timeZone: 'Asia/Riyadh',
    ...overrides,
  };
}

export function receiptInput(overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    reference: 'SJL-2025/000456',
    procedure: { ar: 'شهادة إتمام بناء', en: 'Building completion certificate' },
    applicant: { name: 'شركة النخيل للمقاولات', identifier: '4030123456', identifierKind: 'registration_number' },
    issuer: { ar: 'بلدية المدينة', en: 'City municipality' },
    receivedAt: new Date('2025-03-02T07:00:00Z'),
    deadline: new Date('2025-03-11T07:00:00Z'),
    documents: [
      { name: 'صك الملكية', sha256: '3f2a9c1e7b5d0a44c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192', validityBasis: 'digitized_signed' },
      { name: 'site-plan.pdf', sha256: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', validityBasis: 'e_authenticated' },
    ],
    verification: { code: 'R5T8-2WQA', url: 'https://sijill.example/dossiers/SJL-2025-000456' },
    timeZone: 'Asia/Riyadh',
    ...overrides,
  };
}

/** Extracts the text of every page with pdfjs-dist, items joined without separators and bidi isolate marks removed. */
export async function extractText(pdf: Uint8Array): Promise<string> {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await document.destroy();
  return pages.join('\n').replace(/[\u2066-\u2069]/g, '');
}

/** Returns the PDF's XMP metadata packet as text. */
export function xmpPacket(pdf: Uint8Array): string {
  const text = Buffer.from(pdf).toString('latin1');
  const start = text.indexOf('<x:xmpmeta');
  const end = text.indexOf('</x:xmpmeta>');
  return start >= 0 && end > start ? text.slice(start, end) : '';
}
