// Validates rendered documents as PDF/A-2b with veraPDF's greenfield CLI.
// The jar comes from Maven Central through Maven's local repository; without
// java and mvn on the machine the test is skipped with a note.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderReceipt } from '../../src/results/receipt.ts';
import { renderResultDocument, resultKinds } from '../../src/results/result-document.ts';
import { receiptInput, resultInput } from './fixtures.ts';

const veraPdfVersion = '1.28.2';
const artifact = `org.verapdf.apps:greenfield-apps:${veraPdfVersion}`;

function locateVeraPdf(): string | null {
  const jar = process.env.SIJILL_VERAPDF_JAR
    ?? path.join(os.homedir(), '.m2/repository/org/verapdf/apps/greenfield-apps', veraPdfVersion, `greenfield-apps-${veraPdfVersion}.jar`);
  if (existsSync(jar)) return jar;
  try {
    execFileSync('mvn', ['-q', 'dependency:get', `-Dartifact=${artifact}`, '-Dtransitive=false'], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return null;
  }
  return existsSync(jar) ? jar : null;
}

const jar = locateVeraPdf();
if (jar === null) console.warn(`veraPDF not available (needs java and mvn to fetch ${artifact}): PDF/A validation skipped`);

(jar === null ? test.skip : test)('veraPDF passes every template as PDF/A-2b', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sijill-verapdf-'));
  try {
    const files = resultKinds.map((kind) => path.join(dir, `${kind}.pdf`));
    resultKinds.forEach((kind, index) => writeFileSync(files[index] ?? '', renderResultDocument(resultInput({ kind }))));
    const receiptFile = path.join(dir, 'receipt.pdf');
    writeFileSync(receiptFile, renderReceipt(receiptInput()));
    files.push(receiptFile);

    let report: string;
    try {
      report = execFileSync('java', ['-cp', jar ?? '', 'org.verapdf.apps.GreenfieldCliWrapper', '--flavour', '2b', '--format', 'text', ...files], { encoding: 'utf8', timeout: 120_000 });
    } catch (err) {
      // veraPDF exits non-zero when a file fails; its report is on stdout.
      report = String((err as { stdout?: unknown }).stdout ?? err);
    }

    for (const file of files) expect(report).toContain(`PASS ${file} 2b`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
