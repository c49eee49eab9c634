import { openDb } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminQuery, databaseUrl } from './postgres.ts';

export default async function globalSetup(): Promise<void> {
  const name = `sijill_test_template_${process.pid}`;
  process.env['SIJILL_TEST_TEMPLATE'] = name;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const db = await openDb({ url: databaseUrl(name), maxConnections: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}
