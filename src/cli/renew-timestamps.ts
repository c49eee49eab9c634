// `sijill renew-timestamps`: renews the archive timestamps of issued results
// before their TSA certificates expire (src/domain/archive-timestamps.ts).
import { parseArgs } from 'node:util';
import { renewArchiveTimestamps } from '../domain/archive-timestamps.ts';
import { openRuntime } from '../runtime.ts';

export const renewTimestampsHelp = `Usage: sijill renew-timestamps [--within-days N]

Adds validation data and a new document timestamp (PAdES B-LTA) to every
issued result whose last document timestamp's TSA certificate expires within
N days (default 90), so the result stays verifiable after that certificate
expires. Run it daily. Prints a JSON summary; exit status 1 when a result
could not be renewed, 2 on a usage error.
`;

export async function runRenewTimestamps(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { 'within-days': { type: 'string' }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    process.stderr.write(`sijill renew-timestamps: ${(error as Error).message}\n\n${renewTimestampsHelp}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(renewTimestampsHelp);
    return 0;
  }
  const days = values['within-days'] === undefined ? 90 : Number(values['within-days']);
  if (!(Number.isFinite(days) && days >= 0)) {
    process.stderr.write(`sijill renew-timestamps: invalid --within-days ${JSON.stringify(values['within-days'])}: expected a number of days, 0 or more\n`);
    return 2;
  }
  const runtime = await openRuntime();
  try {
    const summary = await renewArchiveTimestamps(runtime.ctx, days);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.failed.length === 0 ? 0 : 1;
  } finally {
    await runtime.close();
  }
}
