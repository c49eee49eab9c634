// Two processes on one embedded database folder would each work on their
// own copy and lose each other's writes. So the second one must stop with a
// clear message. A lock left by a killed process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/db/client.ts';
import { EmbeddedDatabaseBusyError } from '../../src/db/embedded-lock.ts';

let folder: string;
let holder: ChildProcess | undefined;

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'sijill-embedded-lock-'));
});

afterEach(() => {
  holder?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** Starts a Node process that opens the embedded database in `dir` and keeps it open; resolves once it is open. */
function holdDatabase(dir: string): Promise<ChildProcess> {
  const script = `import { openDb } from ${JSON.stringify(path.resolve('src/db/client.ts'))}; await openDb({ embeddedDir: ${JSON.stringify(dir)} }); console.log('open'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('open')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
}

test('second process is refused', async () => {
  const dir = path.join(folder, 'pg');
  holder = await holdDatabase(dir);

  const error = await openDb({ embeddedDir: dir }).then(() => undefined, (caught: unknown) => caught);

  expect(error).toBeInstanceOf(EmbeddedDatabaseBusyError);
  expect((error as Error).message).toContain(`is in use by process ${holder.pid}`);
}, 60_000);

test('lock of a killed process is taken over', async () => {
  const dir = path.join(folder, 'pg');
  holder = await holdDatabase(dir);
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder?.once('exit', resolve));

  const db = await openDb({ embeddedDir: dir });
  try {
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
  } finally {
    await db.close();
  }
}, 60_000);
