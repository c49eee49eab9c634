import { parseArgs } from 'node:util';
import { dataPath, loadConfig } from '../config.ts';
import { calendarFromConfig } from '../domain/calendar.ts';
import { openDb } from '../db/client.ts';
import { createSijillCamundaClient } from '../engine/sdk-client.ts';
import { createLogger } from '../log.ts';
import { LocalBlobStore } from '../storage/blob-store.ts';
import { workerDefinitions, workerTypes } from '../../workers/index.ts';
import { startWorkers } from '../../workers/runtime.ts';
import { openSigningKeys } from '../pki/signing-keys.ts';

export const workerHelp = `Usage: sijill worker [TYPE...]

Runs job workers for the given task types (default: SIJILL_WORKER_TYPES, or
all: ${workerTypes.join(', ')}) as @camunda8/sdk workers against
ZEEBE_REST_ADDRESS (a Sijill server or a Camunda 8 cluster). Workers read and
write dossiers through DATABASE_URL, which must name a PostgreSQL server: the
embedded database belongs to one process.
`;

export async function runWorker(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(workerHelp);
    return 0;
  }
  const config = loadConfig();
  const requested = positionals.length > 0 ? positionals : config.SIJILL_WORKER_TYPES ? config.SIJILL_WORKER_TYPES.split(',') : workerTypes;
  const unknown = requested.filter((type) => !workerTypes.includes(type));
  if (unknown.length > 0) {
    process.stderr.write(`sijill worker: unknown task type ${unknown.join(', ')}; known: ${workerTypes.join(', ')}\n`);
    return 2;
  }
  if (!config.DATABASE_URL) {
    process.stderr.write('sijill worker: DATABASE_URL is not set; separate worker processes need a PostgreSQL server\n');
    return 2;
  }
  const address = config.ZEEBE_REST_ADDRESS ?? `http://${config.SIJILL_HOST}:${config.SIJILL_PORT}`;
  const logger = createLogger(config.SIJILL_LOG_LEVEL);
  const db = await openDb({ url: config.DATABASE_URL });
  const client = createSijillCamundaClient(address);
  const ctx = {
    config, db, logger, blobs: new LocalBlobStore(dataPath(config, 'blobs')), calendar: calendarFromConfig(config),
    now: () => new Date(), pkiDir: dataPath(config, 'pki'), signingKeys: await openSigningKeys(config.SIJILL_SIGNING_KEYS, dataPath(config, 'pki')),
  };
  const running = startWorkers(client, ctx, workerDefinitions.filter((definition) => requested.includes(definition.type)));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  await ctx.signingKeys.close();
  await db.close();
  return 0;
}
