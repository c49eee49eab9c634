// One process at a time on an embedded database folder. PGlite keeps the
// database in this process's memory and writes it back to the folder, so a
// second process on the same folder works on its own copy: its changes are
// lost or overwrite the first one's. A lock file beside the folder, holding
// the owner's pid, makes the second process stop with a clear message
// instead. A lock whose process no longer runs is taken over.
import { open, readFile, rm } from 'node:fs/promises';

export class EmbeddedDatabaseBusyError extends Error {
  override name = 'EmbeddedDatabaseBusyError';
}

export interface EmbeddedLock {
  release(): Promise<void>;
}

/** Takes the lock of the embedded database in `dir`; throws EmbeddedDatabaseBusyError while another live process holds it. */
export async function lockEmbeddedDatabase(dir: string): Promise<EmbeddedLock> {
  const file = `${dir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new EmbeddedDatabaseBusyError(
          `the embedded database in ${dir} is in use by process ${owner} (a running sijill serve or demo); stop it first, or set DATABASE_URL to share a PostgreSQL server between processes`,
        );
      }
      // Left by a process that ended without releasing it.
      await rm(file, { force: true });
    }
  }
  throw new EmbeddedDatabaseBusyError(`could not take the lock of the embedded database in ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
