// `sijill verify FILE… [--trust CERT.pem…] [--at ISO-TIME]`: validates every
// signature of each PDF and prints one JSON report per signature, one per
// line. Exit code 0 when every file has signatures and all are
// TOTAL_PASSED, 1 when any is not (or a file has none), 2 on usage errors.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { dataPath, loadConfig } from '../config.ts';
import { validatePdfSignatures } from '../signatures/validate-pdf.ts';

export const verifyHelp = `Usage: sijill verify FILE... [--trust CERT.pem]... [--at ISO-TIME]

Validates the signatures of PDF files and prints one JSON report per
signature (one line each) with its indication: TOTAL_PASSED, INDETERMINATE
or TOTAL_FAILED, and the ETSI EN 319 102-1 sub-indication.

Options:
  --trust CERT.pem  trust anchor (PEM, may hold several certificates); repeatable.
                    Default: the demo PKI root, SIJILL_DATA_DIR/pki/root-ca.cert.pem.
  --at ISO-TIME     validation time, e.g. 2020-11-01T00:00:00Z. Default: now.

Exit code: 0 when every signature of every file is TOTAL_PASSED, 1 when one
is not or a file has no signature, 2 on invalid arguments.
`;

export interface VerifyOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function runVerify(argv: string[], output: VerifyOutput = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { trust: { type: 'string', multiple: true }, at: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (err) {
    output.stderr.write(`sijill verify: ${(err as Error).message}\n\n${verifyHelp}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.stdout.write(verifyHelp);
    return 0;
  }
  if (positionals.length === 0) {
    output.stderr.write(`sijill verify: no FILE given\n\n${verifyHelp}`);
    return 2;
  }
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at && Number.isNaN(at.getTime())) {
    output.stderr.write(`sijill verify: invalid --at "${values.at}"; use an ISO 8601 time such as 2020-11-01T00:00:00Z\n`);
    return 2;
  }
  const trustFiles = values.trust ?? defaultTrustFiles();
  const trustAnchors = await Promise.all(trustFiles.map((file) => readFile(file, 'utf8')));

  let allPassed = true;
  for (const file of positionals) {
    const reports = await validatePdfSignatures(new Uint8Array(await readFile(file)), at ? { trustAnchors, at } : { trustAnchors });
    if (reports.length === 0) {
      output.stderr.write(`sijill verify: ${file} has no signatures\n`);
      allPassed = false;
    }
    for (const report of reports) {
      output.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
      if (report.indication !== 'TOTAL_PASSED') allPassed = false;
    }
  }
  return allPassed ? 0 : 1;
}

function defaultTrustFiles(): string[] {
  const root = dataPath(loadConfig(), 'pki', 'root-ca.cert.pem');
  return existsSync(root) ? [root] : [];
}
