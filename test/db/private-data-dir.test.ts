import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/core/db/open-database';
import { preparePrivateDataDir, UnsafeDataDir } from '../../src/core/db/private-data-dir';

const root = path.resolve(__dirname, '../..');
let work: string;
let umask: number;

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-perms-'));
  // The umask a default login shell gives, under which the attack test found 0666 files.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(work, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.lstatSync(file).mode & 0o777;

/** Every file and folder under `dir` that the group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if ((stat.mode & 0o077) !== 0)
      found.push(`${path.relative(work, entry)} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) walk(path.join(entry, name));
  };
  walk(dir);
  return found;
}

describe('DATA_DIR is private whatever the umask', () => {
  it.each([
    ['022', 0o022],
    ['000', 0o000],
  ])('creates a missing DATA_DIR 0700 under umask %s', (_label, mask) => {
    process.umask(mask);
    const dir = path.join(work, 'nested', 'data');
    preparePrivateDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('keeps the embedded database and everything beside it private (umask 022)', async () => {
    const dataDir = path.join(work, 'data');
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    await database.db.execute(
      sql`create table filler as select g, repeat('x', 200) as t from generate_series(1, 5000) g`,
    );
    expect(modeOf(dataDir)).toBe(0o700);
    // While open: nothing under DATA_DIR is reachable by others (DATA_DIR itself is 0700).
    expect(fs.readdirSync(path.join(dataDir, 'pglite')).length).toBeGreaterThan(10);
    await database.close();
    expect(openToOthers(dataDir)).toEqual([]);
    // And again after a restart, when PGlite has written more.
    const reopened = await openDatabase({ databaseUrl: undefined, dataDir });
    await reopened.db.execute(sql`create table more as select g from generate_series(1, 5000) g`);
    await reopened.close();
    expect(openToOthers(dataDir)).toEqual([]);
  }, 60_000);

  it('refuses an existing DATA_DIR that others may read, saying how to fix it', () => {
    const dir = path.join(work, 'shared data');
    fs.mkdirSync(dir, { mode: 0o755 });
    expect(() => preparePrivateDataDir(dir)).toThrow(UnsafeDataDir);
    expect(() => preparePrivateDataDir(dir)).toThrow(
      `is mode 0755: other users may read or change the database and residents' files. Make it private, then start again: chmod -R go-rwx '${dir}'`,
    );
    fs.chmodSync(dir, 0o700);
    expect(() => preparePrivateDataDir(dir)).not.toThrow();
  });

  it('refuses a file in DATA_DIR’s place', () => {
    const file = path.join(work, 'data');
    fs.writeFileSync(file, '');
    expect(() => preparePrivateDataDir(file)).toThrow('is not a folder');
  });

  it('npm start stops on an unsafe DATA_DIR with one clear line and exit code 78', async () => {
    const dir = path.join(work, 'data');
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dir, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(output.trim()).toBe(
      `DATA_DIR ${dir} is mode 0777: other users may read or change the database and residents' files. Make it private, then start again: chmod -R go-rwx ${dir} (docs/security.md).`,
    );
    // Nothing was written into it.
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 30_000);
});
