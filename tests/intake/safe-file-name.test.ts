import { makeSafeFileName } from '../../src/intake/safe-file-name.ts';

test.each([
  ['path traversal', '../../etc/passwd.pdf', 'passwd.pdf'],
  ['windows path', 'C:\\Users\\x\\..\\scan.pdf', 'scan.pdf'],
  ['NUL byte', 'report\u0000.exe.pdf', 'report.exe.pdf'],
  ['right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
  ['CR and LF', 'a\r\nb.pdf', 'ab.pdf'],
  ['Arabic name kept', 'شهادة إقامة.pdf', 'شهادة إقامة.pdf'],
  ['only dots', '...', 'document.pdf'],
  ['empty', '', 'document.pdf'],
  ['reserved characters', 'a<b>:c|d?.pdf', 'a_b__c_d_.pdf'],
  ['device name', 'CON.pdf', 'CON_.pdf'],
  ['other type extension', 'photo.jpeg', 'photo.pdf'],
  ['unknown suffix kept', 'report.v2', 'report.v2.pdf'],
  ['upper-case extension', 'SCAN.PDF', 'SCAN.pdf'],
])('safe file name: %s', (_case, input, expected) => {
  expect(makeSafeFileName(input, 'pdf', ['pdf'])).toBe(expected);
});

test('safe file name bounds length', () => {
  const name = makeSafeFileName(`${'ب'.repeat(300)}.pdf`, 'pdf');

  expect(Array.from(name).length).toBeLessThanOrEqual(120);
  expect(name.endsWith('.pdf')).toBe(true);
});

test('safe file name keeps diacritics whole', () => {
  const name = makeSafeFileName(`${'بِ'.repeat(200)}.pdf`, 'pdf');

  expect(name.slice(0, -4).endsWith('بِ')).toBe(true);
});
