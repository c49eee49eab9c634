// Fonts of result documents. They are loaded from the files Debian installs
// (fonts-hosny-amiri, fonts-noto-core) and never downloaded, so a document
// renders the same on every machine that has those packages.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Family names as the templates spell them, in fallback order. */
export const fontFamilies = ['Amiri', 'Noto Naskh Arabic', 'Noto Sans'] as const;

/** Font files by family, with the Debian package that ships them. */
const fontFiles: ReadonlyArray<{ family: (typeof fontFamilies)[number]; files: string[]; debianPackage: string }> = [
  { family: 'Amiri', files: ['Amiri-Regular.ttf', 'Amiri-Bold.ttf'], debianPackage: 'fonts-hosny-amiri' },
  { family: 'Noto Naskh Arabic', files: ['NotoNaskhArabic-Regular.ttf', 'NotoNaskhArabic-Bold.ttf'], debianPackage: 'fonts-noto-core' },
  { family: 'Noto Sans', files: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'], debianPackage: 'fonts-noto-core' },
];

/** Folders searched for the font files, in order. */
export const fontDirs = [
  '/usr/share/fonts/opentype/fonts-hosny-amiri',
  '/usr/share/fonts/truetype/fonts-hosny-amiri',
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/opentype/noto',
];

/** Finds every font file of `fontFamilies`; throws naming the missing file and its Debian package. */
export function findFontFiles(dirs: readonly string[] = fontDirs): string[] {
  const found: string[] = [];
  for (const { files, debianPackage } of fontFiles) {
    for (const file of files) {
      const dir = dirs.find((candidate) => existsSync(path.join(candidate, file)));
      if (dir === undefined) throw new Error(`font file ${file} not found in ${dirs.join(', ')}: install the Debian package ${debianPackage}`);
      found.push(path.join(dir, file));
    }
  }
  return found;
}

export function readFontFiles(files: readonly string[] = findFontFiles()): Buffer[] {
  return files.map((file) => readFileSync(file));
}
