/**
 * The admin commands beside a service that owns its embedded PGlite folder (one process per
 * folder): the service listens on a Unix socket in DATA_DIR — reachable only by whoever may read
 * DATA_DIR, which already holds the database and the keys — and `npm run admin` sends its
 * arguments there when the folder is in use, so the command runs in the service's process, on its
 * database and its clock, and its output comes back.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { Township } from '../../core/config/load-townships';
import type { Db } from '../../core/db/database';
import type { BureauCliDeps } from '../../features/bureau/bureau-cli';
import { runAdmin } from './admin-commands';

export const ADMIN_SOCKET_FILE = 'admin.sock';
/** Unix socket paths are limited to about 107 bytes. */
const MAX_SOCKET_PATH = 100;

const requestSchema = z.object({ argv: z.array(z.string().max(10_000)).max(64) });
const replySchema = z.object({ code: z.number().int(), out: z.array(z.string()), err: z.array(z.string()) });
export type AdminReply = z.infer<typeof replySchema>;

export interface AdminSocketDeps {
  dataDir: string;
  db: Db;
  townships: readonly Township[];
  now: () => Date;
  bureau: BureauCliDeps;
}

export const adminSocketPath = (dataDir: string) => path.join(path.resolve(dataDir), ADMIN_SOCKET_FILE);

/** Listens on DATA_DIR/admin.sock; undefined when the path is too long for a socket. Close before the database. */
export async function startAdminSocket(
  deps: AdminSocketDeps,
): Promise<{ path: string; close(): Promise<void> } | undefined> {
  const socketPath = adminSocketPath(deps.dataDir);
  if (socketPath.length > MAX_SOCKET_PATH) return undefined;
  // A socket left by a process that died: the PGlite lock says this process owns the folder now.
  fs.rmSync(socketPath, { force: true });
  // One command at a time, as from a terminal.
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = requestSchema.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
      if (req.method !== 'POST' || !parsed.success) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 2, out: [], err: ['admin socket: expected POST {"argv": [...]}'] }));
        return;
      }
      queue = queue.then(async () => {
        const reply: AdminReply = { code: 0, out: [], err: [] };
        try {
          reply.code = await runAdmin(parsed.data.argv, {
            db: deps.db,
            townships: deps.townships,
            now: deps.now(),
            out: (line) => reply.out.push(line),
            err: (line) => reply.err.push(line),
            bureau: deps.bureau,
          });
        } catch (error) {
          reply.code = 1;
          reply.err.push(`admin: ${error instanceof Error ? error.message : String(error)}`);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      });
    });
  });
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  return {
    path: socketPath,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** Runs an admin command in the service that owns DATA_DIR; undefined when none listens there. */
export async function sendToAdminSocket(dataDir: string, argv: string[]): Promise<AdminReply | undefined> {
  const socketPath = adminSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return undefined;
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/', method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const reply = replySchema.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
        if (reply.success) resolve(reply.data);
        else
          reject(
            new Error('the service answered the admin socket with something else than a command result'),
          );
      });
    });
    // A socket file with nobody behind it (the service was killed): as if there were none.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? resolve(undefined) : reject(error),
    );
    req.end(JSON.stringify({ argv }));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * For a CLI that found DATA_DIR in use: runs the command in the service that owns it and prints
 * its output; the exit code, or undefined when no service answers there.
 */
export async function runInService(dataDir: string, argv: string[]): Promise<number | undefined> {
  const reply = await sendToAdminSocket(dataDir, argv);
  if (!reply) return undefined;
  for (const line of reply.out) process.stdout.write(`${line}\n`);
  for (const line of reply.err) process.stderr.write(`${line}\n`);
  return reply.code;
}
