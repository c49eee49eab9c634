// The database connection that every query module receives. Two kinds share
// one interface and the same SQL: a PostgreSQL server through `pg`
// (DATABASE_URL), or PGlite, PostgreSQL compiled to WebAssembly and run in
// this process, which needs no server. PGlite is a single session, so it
// serializes queries and transactions and must not be shared by processes.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { lockEmbeddedDatabase } from './embedded-lock.ts';
import pg from 'pg';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'server' | 'embedded';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; without it the embedded database in `embeddedDir` is used. */
  url?: string | undefined;
  /** Folder of the embedded database; 'memory://' keeps it in memory. */
  embeddedDir?: string;
  maxConnections?: number;
}

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.url) return openServerDb(options.url, options.maxConnections ?? 10);
  return openEmbeddedDb(options.embeddedDir ?? 'memory://');
}

// int8 and numeric arrive as strings from pg; counts and ids fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

function openServerDb(url: string, max: number): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  return {
    kind: 'server',
    async query<R>(text: string, params?: readonly unknown[]) {
      const result = await pool.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R>(text: string, params?: readonly unknown[]) {
            const result = await client.query(text, params as unknown[] | undefined);
            return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
          },
          async exec(text: string) {
            await client.query(text);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openEmbeddedDb(dir: string): Promise<Db> {
  const onDisk = !dir.includes('://');
  if (onDisk) await mkdir(dir, { recursive: true });
  const lock = onDisk ? await lockEmbeddedDatabase(dir) : undefined;
  let lite: PGlite;
  try {
    lite = await PGlite.create(dir);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const run = async <R>(target: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) => {
    const result = await target.query<R>(text, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    kind: 'embedded',
    query: (text, params) => run(lite, text, params),
    exec: async (text) => {
      await lite.exec(text);
    },
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({
          query: (text, params) => run(tx, text, params),
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      ),
    close: async () => {
      await lite.close();
      await lock?.release();
    },
  };
}
