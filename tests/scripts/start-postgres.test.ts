// scripts/start-postgres.sh prints the URL the Makefile hands to the tests.
// Anything else on its stdout ends up in that URL: CI once failed with
// "getaddrinfo ENOTFOUND base" because pg_ctlcluster printed "Removed stale pid
// file." there. The PostgreSQL tools are replaced by stand-ins on PATH, so the
// real server is not touched.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(import.meta.dirname, '../../scripts/start-postgres.sh');
let bin: string;

function standIn(name: string, body: string): void {
  const path = join(bin, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'sijill-pg-tools-'));
  standIn('pg_lsclusters', 'echo "15 main 5432 down postgres /var/lib/postgresql/15/main log"');
  standIn('pg_createcluster', 'echo "Creating new PostgreSQL cluster 15/main ..."');
  standIn('pg_ctlcluster', 'echo "Removed stale pid file."');
  standIn('su', 'echo "ALTER ROLE"');
});

afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

test('prints the database URL alone on stdout while the tools talk', () => {
  const stdout = execFileSync('bash', [script], {
    env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(stdout).toBe('postgres://postgres:postgres@127.0.0.1:5432/postgres\n');
});
