import { openDb } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminQuery, databaseUrl, templateName } from './postgres.ts';

export default async function globalSetup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${templateName}`);
  const db = await openDb({ url: databaseUrl(templateName), maxConnections: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}
