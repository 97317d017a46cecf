import fs from 'node:fs';
import path from 'node:path';

/** Thrown when another live process holds the embedded database folder. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
}

/**
 * PGlite must be opened by one process only; a second one (another `npm start`, a restart that
 * overlaps, `npm run outbox`) would corrupt it. A lock file with the owner's pid guards the
 * folder; a lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  // Beside the folder, not in it: PGlite's initdb wants an empty folder.
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const file = `${dir}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUse(
          `${dir} is in use by process ${owner}; stop it first, or set another DATA_DIR (or DATABASE_URL)`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUse(`${dir}: could not take the lock file ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
