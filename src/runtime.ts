// Opens everything one Sijill process needs from its configuration: the
// database (migrated), the document store, the engine, the calendar and the
// logger. The CLI commands, the demo and the tests build on it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPath, loadConfig, type Config } from './config.ts';
import type { AppContext } from './context.ts';
import { openDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { calendarFromConfig } from './domain/calendar.ts';
import { createEngine } from './engine/select.ts';
import { createLogger, type Logger } from './log.ts';
import { LocalBlobStore } from './storage/blob-store.ts';
import type { WorkerContext } from '../workers/context.ts';
import { openSigningKeys } from './pki/signing-keys.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bpmnDir = path.join(projectRoot, 'bpmn');

/** The application context plus the PKI folder: what the API, the demo and the workers share. */
export type RuntimeContext = AppContext & WorkerContext;

export interface Runtime {
  ctx: RuntimeContext;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  config?: Config;
  logger?: Logger;
  /** Replaces the clock (tests). */
  now?: () => Date;
}

export async function openRuntime(options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.SIJILL_LOG_LEVEL);
  const db = await openDb({ url: config.DATABASE_URL, embeddedDir: dataPath(config, 'pg') });
  try {
    const signingKeys = await openSigningKeys(config.SIJILL_SIGNING_KEYS, dataPath(config, 'pki'));
    logger.info({ signingKeys: config.SIJILL_SIGNING_KEYS ?? 'demo PKI' }, 'signing keys loaded');
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const engine = createEngine(config, { db, logger: logger.child({ component: 'engine' }) });
    const ctx: RuntimeContext = {
      config,
      db,
      blobs: new LocalBlobStore(dataPath(config, 'blobs')),
      engine,
      calendar: calendarFromConfig(config),
      logger,
      now: options.now ?? (() => new Date()),
      pkiDir: dataPath(config, 'pki'),
      signingKeys,
    };
    return {
      ctx,
      async close() {
        await engine.stop();
        await signingKeys.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
