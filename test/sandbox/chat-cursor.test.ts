import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv } from '../../scripts/child-env';
import { cursorFile, saveCursor, savedCursor } from '../../src/sandbox/chat-cursor';

const root = path.resolve(__dirname, '../..');
const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chat-cursor-'));
const FAKE = 'http://127.0.0.1:1';

describe('where each chat stopped reading', () => {
  it('is kept per user and starts over after the sandbox moved', () => {
    const dataDir = dir();
    expect(savedCursor(dataDir, 'caseworker-demo', FAKE)).toBeUndefined();
    saveCursor(dataDir, 'caseworker-demo', FAKE, 12);
    saveCursor(dataDir, 'resident-demo', FAKE, 3);
    expect(savedCursor(dataDir, 'caseworker-demo', FAKE)).toBe(12);
    expect(savedCursor(dataDir, 'resident-demo', FAKE)).toBe(3);
    expect(savedCursor(dataDir, 'caseworker-demo', 'http://127.0.0.1:2')).toBe(0);
    expect(savedCursor(dataDir, 'member-demo-2', FAKE)).toBeUndefined();
    // Only the cursors themselves: no temporary file is left behind.
    expect(fs.readdirSync(path.join(dataDir, 'chat-cursors')).sort()).toEqual([
      'caseworker-demo.json',
      'resident-demo.json',
    ]);
  });

  it('reads an empty, corrupt or foreign file as no cursor', () => {
    const dataDir = dir();
    saveCursor(dataDir, 'a', FAKE, 1);
    for (const text of ['', '{"fakeWecomUrl":', '[]', '{"next":-1,"fakeWecomUrl":"x"}']) {
      fs.writeFileSync(cursorFile(dataDir, 'a'), text);
      expect(savedCursor(dataDir, 'a', FAKE)).toBeUndefined();
    }
    saveCursor(dataDir, 'a', FAKE, 7);
    expect(savedCursor(dataDir, 'a', FAKE)).toBe(7);
  });

  it('gives a user id that is not a plain name a file of its own inside the folder', () => {
    const dataDir = dir();
    for (const user of ['../escape', 'a.b', 'A/B']) {
      const file = cursorFile(dataDir, user);
      expect(path.dirname(file)).toBe(path.join(dataDir, 'chat-cursors'));
      saveCursor(dataDir, user, FAKE, 5);
      expect(savedCursor(dataDir, user, FAKE)).toBe(5);
    }
    expect(new Set(['../escape', 'a.b', 'A/B'].map((u) => cursorFile(dataDir, u))).size).toBe(3);
  });

  // Starting two tsx processes on a shared 2-core machine may take longer than the default 30 s.
  it('never shows a half-written file to a chat reading while others write', async () => {
    const dataDir = dir();
    saveCursor(dataDir, 'shared', FAKE, 0);
    // Other chats, as separate processes (as five terminals are), writing as fast as they can.
    const writer = (user: string) =>
      new Promise<number | null>((resolve) => {
        const script =
          `const { saveCursor } = require('./src/sandbox/chat-cursor.ts');` +
          `for (let i = 1; i <= 400; i++) { saveCursor(${JSON.stringify(dataDir)}, 'shared', '${FAKE}', i);` +
          ` saveCursor(${JSON.stringify(dataDir)}, '${user}', '${FAKE}', i); }`;
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
          cwd: root,
          env: childEnv({}),
          stdio: 'inherit',
        });
        child.on('exit', resolve);
      });
    const writers = Promise.all([writer('w1'), writer('w2')]);
    let done = false;
    void writers.then(() => {
      done = true;
    });
    let reads = 0;
    while (!done) {
      // Throws (as the shared file once did) or answers a cursor; never undefined once one was saved.
      expect(savedCursor(dataDir, 'shared', FAKE)).toEqual(expect.any(Number));
      reads += 1;
      await new Promise((r) => setImmediate(r));
    }
    expect(await writers).toEqual([0, 0]);
    expect(reads).toBeGreaterThan(0);
    expect(savedCursor(dataDir, 'shared', FAKE)).toBe(400);
    expect(savedCursor(dataDir, 'w1', FAKE)).toBe(400);
    expect(savedCursor(dataDir, 'w2', FAKE)).toBe(400);
    expect(fs.readdirSync(path.join(dataDir, 'chat-cursors')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 90_000);
});
