#!/usr/bin/env node
// The `sijill` command for operators.
import { runDemo, demoHelp } from './demo.ts';
import { runMigrate, migrateHelp } from './migrate.ts';
import { runServe, serveHelp } from './serve.ts';
import { runWorker, workerHelp } from './worker.ts';

const help = `Usage: sijill COMMAND [OPTIONS]

Commands:
  demo      set up the demo city, run the main job on real documents, serve the UI
  migrate   apply the database migrations
  serve     run the HTTP server (API, screens, modeler), the engine and the workers
  worker    run job workers only, against a running server or Camunda 8 cluster
  verify    validate the signatures of PDF files
  digitize  OCR scans and PDFs into searchable PDF/A
  renew-timestamps  renew results' archive timestamps before their TSA certificates expire
  incidents list the engine's incidents; --retry gives failed jobs new attempts

Run 'sijill COMMAND --help' for the options of a command.
Configuration comes from environment variables: see docs/configuration.md.
`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { run: Command; help?: string }> = {
  demo: { run: runDemo, help: demoHelp },
  migrate: { run: runMigrate, help: migrateHelp },
  serve: { run: runServe, help: serveHelp },
  worker: { run: runWorker, help: workerHelp },
  verify: { run: async (argv) => (await import('./verify.ts')).runVerify(argv) },
  digitize: { run: async (argv) => (await import('./digitize.ts')).runDigitize(argv) },
  'renew-timestamps': { run: async (argv) => (await import('./renew-timestamps.ts')).runRenewTimestamps(argv) },
  incidents: { run: async (argv) => (await import('./incidents.ts')).runIncidents(argv) },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`sijill: unknown command "${name}"\n\n${help}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sijill: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env['SIJILL_DEBUG']) console.error(error);
    process.exitCode = 1;
  },
);
