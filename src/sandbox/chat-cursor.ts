import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where each user's `npm run chat` stopped reading the fake's sent feed, so messages sent while
 * the chat was closed are shown when it comes back. Several chats run at once (a resident, a
 * caseworker, the members of a meeting), so each user has a file of its own in
 * `DATA_DIR/chat-cursors/`, replaced whole by rename: a reader sees the old cursor or the new
 * one, never a half-written file, and no chat rewrites another's.
 */
const cursorSchema = z.object({ fakeWecomUrl: z.string(), next: z.number().int().nonnegative() });

const cursorDir = (dataDir: string) => path.join(dataDir, 'chat-cursors');

/** One file name per user id; characters a path could misread (`/`, `.`, …) are escaped. */
export function cursorFile(dataDir: string, user: string): string {
  const safe = user.replace(
    /[^A-Za-z0-9_-]/g,
    (char) => `%${char.codePointAt(0)?.toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return path.join(cursorDir(dataDir), `${safe}.json`);
}

/**
 * This user's cursor. A different fake (the sandbox restarted elsewhere) starts from the beginning
 * of its feed; none yet, or a file that cannot be read (empty, corrupt): from now on.
 */
export function savedCursor(dataDir: string, user: string, fakeWecomUrl: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(cursorFile(dataDir, user), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const saved = cursorSchema.safeParse(json);
  if (!saved.success) return undefined;
  return saved.data.fakeWecomUrl === fakeWecomUrl ? saved.data.next : 0;
}

/** Writes the cursor to a temporary file beside it, then renames it over the old one (atomic). */
export function saveCursor(dataDir: string, user: string, fakeWecomUrl: string, next: number): void {
  const file = cursorFile(dataDir, user);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify({ fakeWecomUrl, next }), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
