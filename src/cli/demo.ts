// `sijill demo`: sets up the demo city, runs the main job on the real
// documents of the corpus, prints a summary, then serves the UI (or exits
// with --no-serve, the summary's JSON as the last line).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataPath, loadConfig } from '../config.ts';
import { installCatalogue } from '../domain/catalogue.ts';
import { demoApplicants, demoPassword, demoStaff, loadDemoCity } from '../demo/city.ts';
import { runDemoScenario } from '../demo/scenario.ts';
import { createStderrLogger } from '../log.ts';
import { summarizeDemo } from '../demo/summary.ts';
import { bpmnDir, openRuntime, projectRoot } from '../runtime.ts';
import { startStack } from '../stack.ts';

export const demoHelp = `Usage: sijill demo [--no-serve] [--keep] [--corpus DIR] [--port N]

Sets up the demo city (units, staff, applicants, PKI, procedures BL-01,
RC-02 and CC-05), runs three dossiers through them on the real documents of the corpus
and prints a summary, then serves the UI until interrupted.

  --no-serve    exit after the summary; its JSON is the last line printed
  --keep        keep the data of an earlier demo (default: start afresh)
  --corpus DIR  folder of the real test documents (default: ../shared/corpus)
  --port N      HTTP port (default: SIJILL_PORT, 3000)
`;

export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'no-serve': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      corpus: { type: 'string', default: path.resolve(projectRoot, '../shared/corpus') },
      port: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(demoHelp);
    return 0;
  }
  const config = loadConfig();
  const serve = !values['no-serve'];
  if (!values.keep && !config.DATABASE_URL) {
    await rm(dataPath(config, 'pg'), { recursive: true, force: true });
    await rm(dataPath(config, 'blobs'), { recursive: true, force: true });
  }
  // The demo's standard output is its summary; logs go to standard error, warnings only unless set.
  const logger = createStderrLogger(process.env['SIJILL_LOG_LEVEL'] ? config.SIJILL_LOG_LEVEL : 'warn');
  const runtime = await openRuntime({ config, logger });
  const { ctx } = runtime;
  await loadDemoCity(ctx.db, ctx.pkiDir);
  await installCatalogue(ctx, bpmnDir);
  const stack = await startStack(runtime, serve ? { port: values.port ? Number(values.port) : config.SIJILL_PORT } : { port: 0 });
  try {
    const started = Date.now();
    await runDemoScenario(ctx, { corpusDir: values.corpus });
    const summary = await summarizeDemo(ctx.db, ctx.now());
    process.stdout.write(describeSummary(summary, Date.now() - started));
    if (!serve) {
      process.stdout.write(describeAccounts(null));
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    process.stdout.write(describeAccounts(stack.url));
    // The scenario ran quietly; while serving, requests and errors are logged.
    if (!process.env['SIJILL_LOG_LEVEL']) logger.level = 'info';
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stdout.write('Stopping: letting running jobs finish...\n');
    return 0;
  } finally {
    await stack.stop();
    await runtime.close();
  }
}

function describeSummary(summary: Awaited<ReturnType<typeof summarizeDemo>>, elapsedMs: number): string {
  const lines = [
    '',
    `Demo finished in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  dossiers submitted:   ${summary.dossiersSubmitted} (completed ${summary.dossiersCompleted})`,
    `  documents digitized:  ${summary.documentsDigitized}`,
    `  results issued:       ${summary.resultsIssued}`,
    '  signatures verified (the corpus includes tampered and untrusted samples on purpose:',
    '  TOTAL_FAILED and INDETERMINATE below are the expected verdicts for those files):',
    ...summary.signaturesVerified.map((s) => `    ${s.file.padEnd(28)} ${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}`),
    '  deadlines:',
    ...summary.deadlines.map((d) => `    ${d.reference}  due ${d.deadlineAt}  ${d.completedAt ? (d.onTime ? 'on time' : 'LATE') : 'open'}  ${d.decision ?? ''}`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** Lists the demo accounts; `url` is where Sijill serves, or null when the demo does not serve. */
function describeAccounts(url: string | null): string {
  const staff = demoStaff.map((s) => `    ${s.username.padEnd(20)} ${s.roles.join(', ')} (${s.unit})`);
  const applicants = demoApplicants.map((a) => `    ${a.username.padEnd(20)} ${a.kind}`);
  return [
    url === null ? 'Serve the screens with `make demo` (without SERVE=0) and sign in with these accounts.' : `Sijill is serving on ${url}  (modeler: ${url}/modeler)`,
    `Demo accounts, all with the password "${demoPassword}":`,
    ...staff,
    ...applicants,
    ...(url === null ? [] : ['Press Ctrl+C to stop.']),
    '',
  ].join('\n');
}
