import fs from 'node:fs';
import path from 'node:path';

/** Thrown when DATA_DIR exists but others could read or change it; start-up stops with its message. */
export class UnsafeDataDir extends Error {
  override name = 'UnsafeDataDir';
}

/** Permission bits for the group and others: none may be set anywhere under DATA_DIR. */
const OTHERS = 0o077;

/**
 * DATA_DIR holds the embedded database, residents' files and sandbox secrets. A missing folder is
 * created 0700 (chmod after mkdir: mkdir's mode passes through the umask). An existing folder that
 * the group or others may enter, or that belongs to another user, is refused rather than silently
 * repaired: whatever it held may already have been read, which the operator should know.
 */
export function preparePrivateDataDir(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    return;
  }
  if (!stat.isDirectory()) throw new UnsafeDataDir(`DATA_DIR ${dir} is not a folder.`);
  // Windows has no POSIX modes: the folder's ACL is the operator's.
  if (process.platform === 'win32') return;
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new UnsafeDataDir(
      `DATA_DIR ${dir} belongs to user ${stat.uid}, not to this process's user ${uid}: run the service as the folder's owner, or give it a folder of its own (docs/security.md).`,
    );
  }
  if ((stat.mode & OTHERS) !== 0) {
    throw new UnsafeDataDir(
      `DATA_DIR ${dir} is mode ${octal(stat.mode)}: other users may read or change the database and residents' files. ` +
        `Make it private, then start again: chmod -R go-rwx ${shellQuote(dir)} (docs/security.md).`,
    );
  }
}

/**
 * Clears the group and other permission bits of everything under `dir` (symlinks are not
 * followed). PGlite writes its files 0666 whatever the umask; inside a 0700 DATA_DIR nobody else
 * can reach them, and this keeps them private should the folder be copied with its modes.
 */
export function restrictTree(dir: string): void {
  const walk = (entry: string) => {
    const stat = fs.lstatSync(entry, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if ((stat.mode & OTHERS) !== 0) fs.chmodSync(entry, stat.mode & 0o7700);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) walk(path.join(entry, name));
  };
  if (process.platform !== 'win32') walk(dir);
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

function shellQuote(value: string): string {
  return /^[\w./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
