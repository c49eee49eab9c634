// `sijill incidents [--retry]`: the open incidents of the embedded engine (a
// job out of retries, a step that failed), and, with --retry, new attempts
// for the failed jobs once their cause is fixed, such as a seal key added to
// SIJILL_SIGNING_KEYS.
import { parseArgs } from 'node:util';
import { dataPath, loadConfig } from '../config.ts';
import { openDb } from '../db/client.ts';
import { listAllOpenIncidents, retryFailedJobs } from '../db/engine/incidents.ts';
import { migrate } from '../db/migrate.ts';

export const incidentsHelp = `Usage: sijill incidents [--retry]

Lists the open incidents of the embedded engine as JSON: a job that used up
its retries (JOB_NO_RETRIES) or a step that failed, with the process
instance, the element and the message.

  --retry   give each failed job 3 attempts again and resolve its incident;
            the workers take the jobs at once. Fix the cause first.

With the embedded database, stop the server first (it holds the database);
with DATABASE_URL the server picks the jobs up while it runs. For
SIJILL_ENGINE=camunda8, use Camunda Operate instead.
`;

export async function runIncidents(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { retry: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    process.stderr.write(`sijill incidents: ${(error as Error).message}\n\n${incidentsHelp}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(incidentsHelp);
    return 0;
  }
  const config = loadConfig();
  if (config.SIJILL_ENGINE !== 'embedded') {
    process.stderr.write('sijill incidents: SIJILL_ENGINE is camunda8; its incidents are resolved in Camunda Operate\n');
    return 2;
  }
  const db = await openDb({ url: config.DATABASE_URL, embeddedDir: dataPath(config, 'pg') });
  try {
    await migrate(db);
    const incidents = values.retry ? await retryFailedJobs(db, 3) : await listAllOpenIncidents(db);
    process.stdout.write(`${JSON.stringify({ [values.retry ? 'retried' : 'open']: incidents }, null, 2)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
