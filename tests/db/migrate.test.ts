import { openDb } from '../../src/db/client.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { createTestDb } from '../support/postgres.ts';

test('migrations apply on the embedded database', async () => {
  const db = await openDb({ embeddedDir: 'memory://' });
  try {
    const applied = await migrate(db);
    expect(applied).toEqual((await listMigrations()).map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
    expect(rows[0]?.n).toBe(0);
  } finally {
    await db.close();
  }
});

test('template database is fully migrated', async () => {
  const test = await createTestDb();
  try {
    const { rows } = await test.db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual((await listMigrations()).map((m) => m.id));
    const count = await test.db.query<{ n: number }>('SELECT count(*) AS n FROM units');
    expect(count.rows[0]?.n).toBe(0);
  } finally {
    await test.drop();
  }
});
