import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { registeredErrorCodes } from '../../src/errors.ts';
import { hasKey, languages, readCatalogue } from '../../src/i18n/index.ts';
import { projectRoot } from '../../src/runtime.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

test('every catalogue key has Arabic and English text', () => {
  for (const [key, entry] of readCatalogue()) {
    for (const lang of languages) {
      expect({ key, lang, text: typeof entry[lang] === 'string' && (entry[lang] as string).trim() !== '' }).toEqual({ key, lang, text: true });
    }
  }
});

test('every error code has a message', () => {
  for (const code of registeredErrorCodes()) {
    expect({ code, ar: hasKey(`error.${code}`, 'ar'), en: hasKey(`error.${code}`, 'en') }).toEqual({ code, ar: true, en: true });
  }
});

test('literal keys passed to t() exist', async () => {
  const missing: string[] = [];
  for (const dir of ['src', 'workers']) {
    for (const file of await sourceFiles(path.join(projectRoot, dir))) {
      const source = await readFile(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-z0-9_.-]+)'/g)) {
        const key = match[1] as string;
        if (!hasKey(key, 'ar')) missing.push(`${path.relative(projectRoot, file)}: ${key}`);
      }
    }
  }
  expect(missing).toEqual([]);
});
