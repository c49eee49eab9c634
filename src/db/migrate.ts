// Numbered SQL migrations: src/db/migrations/NNN_name.sql, applied once each,
// in order, each in its own transaction. A migration is never edited after it
// lands; a change is a new file.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  id: string;
  sql: string;
}

export async function listMigrations(dir = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return Promise.all(names.map(async (name) => ({ id: name.replace(/\.sql$/, ''), sql: await readFile(path.join(dir, name), 'utf8') })));
}

/** Applies every migration not yet recorded in schema_migrations; returns the ids applied. */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
  const applied: string[] = [];
  for (const migration of await listMigrations(dir)) {
    if (done.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      // Serializes concurrent migrators on a server; PGlite is one session anyway.
      if (db.kind === 'server') await tx.query('SELECT pg_advisory_xact_lock(7251001)');
      const again = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (again.rowCount > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    });
  }
  return applied;
}
