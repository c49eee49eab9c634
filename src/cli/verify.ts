// `sijill verify FILE… [--trust CERT.pem…] [--at ISO-TIME] [--offline]
// [--revocation-policy P]`: validates every signature of each PDF, with
// revocation checking, and prints one JSON report per signature, one per
// line. Exit code 0 when every file has signatures and all are
// TOTAL_PASSED, 1 when any is not (or a file has none), 2 on usage errors.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { dataPath, isObjectIdentifier, loadConfig, signerPoliciesOf } from '../config.ts';
import type { RevocationPolicy } from '../signatures/revocation.ts';
import { revocationOptionsFor } from '../signatures/services.ts';
import { validatePdfSignatures } from '../signatures/validate-pdf.ts';

export const verifyHelp = `Usage: sijill verify FILE... [--trust CERT.pem]... [--at ISO-TIME] [--offline]
                     [--revocation-policy require|hard-fail|soft-fail] [--policy OID]...

Validates the signatures of PDF files and prints one JSON report per
signature (one line each) with its indication: TOTAL_PASSED, INDETERMINATE
or TOTAL_FAILED, and the ETSI EN 319 102-1 sub-indication.

Options:
  --trust CERT.pem  trust anchor (PEM, may hold several certificates); repeatable.
                    Default: the demo PKI root, SIJILL_DATA_DIR/pki/root-ca.cert.pem.
  --at ISO-TIME     validation time, e.g. 2020-11-01T00:00:00Z. Default: now.
  --offline         fetch no OCSP response or CRL: use only the revocation data
                    in the file (DSS, CMS) and the demo PKI's in-process responder.
  --revocation-policy P
                    without revocation data, fail every certificate (require),
                    only those that name OCSP or CRL URLs (hard-fail), or none
                    (soft-fail). Default: SIJILL_REVOCATION_POLICY, hard-fail.
  --policy OID      certificate policy a signer certificate must carry; repeatable,
                    any one suffices. Default: SIJILL_SIGNER_POLICIES (none).

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
      options: {
        trust: { type: 'string', multiple: true },
        at: { type: 'string' },
        offline: { type: 'boolean', default: false },
        'revocation-policy': { type: 'string' },
        policy: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
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
  const policy = values['revocation-policy'];
  if (policy !== undefined && !isRevocationPolicy(policy)) {
    output.stderr.write(`sijill verify: invalid --revocation-policy "${policy}"; use require, hard-fail or soft-fail\n`);
    return 2;
  }
  const config = loadConfig();
  const signerPolicies = values.policy ?? signerPoliciesOf(config);
  const badPolicy = signerPolicies.find((oid) => !isObjectIdentifier(oid));
  if (badPolicy !== undefined) {
    output.stderr.write(`sijill verify: invalid --policy "${badPolicy}"; use a dotted OID such as 2.16.682.1.101.5000.1\n`);
    return 2;
  }
  const trustFiles = values.trust ?? defaultTrustFiles();
  const trustAnchors = await Promise.all(trustFiles.map((file) => readFile(file, 'utf8')));
  const revocation = { ...await revocationOptionsFor({ config, pkiDir: dataPath(config, 'pki') }), fetch: !values.offline, ...(policy ? { policy } : {}) };

  let allPassed = true;
  for (const file of positionals) {
    const reports = await validatePdfSignatures(new Uint8Array(await readFile(file)), { trustAnchors, revocation, signerPolicies, ...(at ? { at } : {}) });
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

function isRevocationPolicy(value: string): value is RevocationPolicy {
  return value === 'require' || value === 'hard-fail' || value === 'soft-fail';
}

function defaultTrustFiles(): string[] {
  const root = dataPath(loadConfig(), 'pki', 'root-ca.cert.pem');
  return existsSync(root) ? [root] : [];
}
