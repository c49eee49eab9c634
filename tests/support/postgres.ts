// Test databases on a real PostgreSQL server. The global set-up migrates one
// template database per run; each test file gets its own copy of it, so files
// run in parallel without seeing each other's rows.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/client.ts';

export const adminUrl = checkedUrl(process.env['SIJILL_TEST_DATABASE_URL'] ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');

/** Fails at once, naming the value, when the URL is not one postgres:// URL. */
function checkedUrl(value: string): string {
  if (!/^postgres(ql)?:\/\/\S+$/.test(value)) {
    throw new Error(`SIJILL_TEST_DATABASE_URL must be one postgres:// URL, got ${JSON.stringify(value)}`);
  }
  return value;
}
/**
 * The migrated template of this test run. Each run has its own, so two runs
 * on one server (two engineers, or CI beside a developer) never drop each
 * other's template. The global set-up chooses it; Jest workers inherit it.
 */
export function templateName(): string {
  const name = process.env['SIJILL_TEST_TEMPLATE'];
  if (!name) throw new Error('SIJILL_TEST_TEMPLATE is not set: run the tests through Jest (tests/support/global-setup.ts)');
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDb {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh database from the migrated template. */
export async function createTestDb(): Promise<TestDb> {
  const name = `sijill_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  const url = databaseUrl(name);
  const db = await openDb({ url, maxConnections: 5 });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
