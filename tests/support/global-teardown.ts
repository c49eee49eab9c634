import { adminQuery } from './postgres.ts';

export default async function globalTeardown(): Promise<void> {
  const name = process.env['SIJILL_TEST_TEMPLATE'];
  if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
