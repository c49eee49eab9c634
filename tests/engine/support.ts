// Shared set-up of the engine tests: a migrated database of either kind
// (PostgreSQL server or in-memory PGlite), the test diagrams, and a helper
// that settles jobs the way a worker would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import type { ActivatedJob, DeployResource } from '../../src/engine/port.ts';
import { createTestDb } from '../support/postgres.ts';

export type DbKind = 'server' | 'embedded';
export const dbKinds: DbKind[] = ['server', 'embedded'];

export interface EngineDb {
  db: Db;
  url: string | null;
  close(): Promise<void>;
}

export async function openEngineDb(kind: DbKind): Promise<EngineDb> {
  if (kind === 'server') {
    const test = await createTestDb();
    return { db: test.db, url: test.url, close: () => test.drop() };
  }
  const db = await openDb({ embeddedDir: 'memory://' });
  await migrate(db);
  return { db, url: null, close: () => db.close() };
}

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): DeployResource {
  return { name, xml: readFileSync(path.join(fixturesDir, name), 'utf8') };
}

/** Activates one job of the type, failing the test when none is activatable. */
export async function takeJob(engine: EmbeddedEngine, type: string): Promise<ActivatedJob> {
  const [job] = await engine.activateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeoutMs: 30_000, requestTimeoutMs: 3_000 });
  if (!job) throw new Error(`no job of type ${type} became activatable`);
  return job;
}

/** Polls until the check passes or `ms` elapse. */
export async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
