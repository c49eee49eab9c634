import { parseArgs } from 'node:util';
import { dataPath, loadConfig } from '../config.ts';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

export const migrateHelp = `Usage: sijill migrate

Applies the database migrations not yet applied, to DATABASE_URL or, when it
is unset, to the embedded database in SIJILL_DATA_DIR/pg. Prints the ids applied.
`;

export async function runMigrate(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(migrateHelp);
    return 0;
  }
  const config = loadConfig();
  const db = await openDb({ url: config.DATABASE_URL, embeddedDir: dataPath(config, 'pg') });
  try {
    const applied = await migrate(db);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    return 0;
  } finally {
    await db.close();
  }
}
