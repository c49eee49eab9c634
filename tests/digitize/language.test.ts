// Document language detected from the first page. The rule is tested on
// texts as the Arabic and English models read them, and with real Tesseract
// on corpus scans. The corpus has no Vietnamese page, so one is drawn here
// with Pillow and Noto Serif (Debian's fonts-noto-core).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { characterErrorRate } from '../../src/digitize/character-error-rate.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { languagesOfText } from '../../src/digitize/language.ts';
import { SijillError } from '../../src/errors.ts';
import { ocrmypdf, python, scans, useTemporaryFolder } from './support.ts';

const folder = useTemporaryFolder('sijill-language-');

const vietnamese = [
  'GIẤY XÁC NHẬN CƯ TRÚ',
  'Ủy ban nhân dân phường Bến Nghé xác nhận ông Nguyễn Văn An, sinh năm 1985, hiện đang cư trú tại số 12 đường Lê Lợi, quận Một.',
  'Giấy này được cấp để ông bổ sung hồ sơ đăng ký kinh doanh và có giá trị trong thời hạn sáu tháng kể từ ngày ký.',
].join('\n');

/** Draws `text` on a white A4 page at 300 dpi, a paragraph a block, and returns the PNG. */
function drawnPage(text: string): Uint8Array {
  const source = path.join(folder(), 'page.txt');
  const target = path.join(folder(), 'page.png');
  writeFileSync(source, text);
  const script = [
    'import sys, textwrap',
    'from PIL import Image, ImageDraw, ImageFont',
    'font = ImageFont.truetype("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", 42)',
    'page = Image.new("L", (2480, 3508), 255)',
    'draw = ImageDraw.Draw(page)',
    'y = 250',
    'for paragraph in open(sys.argv[1], encoding="utf-8").read().split("\\n"):',
    '    for line in textwrap.wrap(paragraph, 70):',
    '        draw.text((220, y), line, font=font, fill=0)',
    '        y += 70',
    '    y += 40',
    'page.save(sys.argv[2], dpi=(300, 300))',
  ].join('\n');
  const run = spawnSync(python, ['-c', script, source, target], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Pillow failed: ${run.stderr}`);
  return new Uint8Array(readFileSync(target));
}

describe('languages of a first reading', () => {
  test('arabic text', () => {
    expect(languagesOfText('تشهد بلدية الحي الشرقي بأن السيدة ليلى مقيمة في العنوان المذكور أعلاه منذ سنة 2019')).toEqual(['ara', 'eng']);
  });

  test('english text', () => {
    expect(languagesOfText('This is a lot of 12 point text to test the ocr code and see if it works on all types of file format.')).toEqual(['eng']);
  });

  test('french text without its accents', () => {
    expect(languagesOfText('Portez ce vieux whisky au juge blond qui fume sur son ile interieure, a cote de l alcove ovoide, ou les buches se consument dans l atre.')).toEqual(['fra']);
  });

  test('vietnamese text as the english model reads it', () => {
    expect(languagesOfText('Giay nay duoc cap dé 6ng b6 sung h6 so dang ky kinh doanh va cé gia tri trong thoi han sau thang ké tty ngay ky cua cac thong tin')).toEqual(['vie']);
  });

  test('too little text to tell', () => {
    expect(languagesOfText('No. 14')).toBeUndefined();
  });
});

/** Digitizes a corpus scan with languages "auto"; returns the result and the CER against `truthFile`. */
async function readDetected(file: string, truthFile: string) {
  const result = await digitize({ bytes: new Uint8Array(readFileSync(path.join(scans, file))), mediaType: '' }, { ocrmypdf, languages: 'auto' });
  return { result, cer: characterErrorRate(result.text, readFileSync(path.join(scans, truthFile), 'utf8')) };
}

describe('digitize with languages "auto"', () => {
  test('vietnamese page is read with vie', async () => {
    const result = await digitize({ bytes: drawnPage(vietnamese), mediaType: 'image/png' }, { ocrmypdf, languages: 'auto' });

    expect(result.languages).toEqual(['vie']);
    expect(characterErrorRate(result.text, vietnamese)).toBeLessThan(0.02);
  }, 60_000);

  test('french pdf is read with fra', async () => {
    const { result, cer } = await readDetected('ocrmypdf-tests/francais.pdf', 'ocrmypdf-tests/francais.gt.txt');

    expect(result.languages).toEqual(['fra']);
    // Read with fra given, it measured 0.3%.
    expect(cer).toBeLessThan(0.01);
  }, 60_000);

  test('english scan is read with eng', async () => {
    const { result, cer } = await readDetected('tesseract-test/phototest.tif', 'tesseract-test/phototest.gold.txt');

    expect(result.languages).toEqual(['eng']);
    expect(cer).toBeLessThan(0.01);
  }, 60_000);

  test('arabic scan keeps its first reading', async () => {
    const { result, cer } = await readDetected('arabic-admin/fire-safety-and-tax.scan.tif', 'arabic-admin/fire-safety-and-tax.gt.txt');

    expect(result.languages).toEqual(['ara', 'eng']);
    expect(result.pageCount).toBe(2);
    // Read with ara+eng given, it measured 6.4%.
    expect(cer).toBeLessThan(0.075);
  }, 60_000);
});

test('language without a model is refused', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(scans, 'tesseract-test/phototest.tif')));

  const error = await digitize({ bytes, mediaType: 'image/tiff' }, { ocrmypdf, languages: 'fra+deu' }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(SijillError);
  expect(error).toMatchObject({ code: 'digitize.language_missing', params: { language: 'deu' } });
  expect((error as SijillError).params['installed']).toContain('ara');
});
