import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { shanghaiDate } from '../../domain/calendar/local-date';

/** Where a file landed: `path` is relative to the data directory, with `/` separators. */
export interface StoredFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface StoreFileInput {
  dataDir: string;
  /** The resident_files row; names the file, so a retry of the same row finds its earlier copy. */
  rowId: number;
  data: Buffer;
  contentType: string;
  filename: string | undefined;
  /**
   * When the file arrived (the row's createdAt, not the time of the download): picks the YYYY/MM
   * folder, in Asia/Shanghai like every date the townships see, and stays the same on a retry.
   */
  receivedAt: Date;
}

/** Extensions for the types residents send (WeCom images, voice, video, office files). */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/heic': '.heic',
  'audio/amr': '.amr',
  'voice/amr': '.amr',
  'audio/silk': '.silk',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
  'application/pdf': '.pdf',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/zip': '.zip',
  'text/plain': '.txt',
};

/**
 * The extension to store under: from a known content type first (WeCom sets it from the bytes),
 * else from the file name when it is short and plain, else none. Never anything that could
 * carry a path separator into the storage path.
 */
export function extensionFor(contentType: string, filename: string | undefined): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const known = EXTENSIONS[essence];
  if (known) return known;
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1];
  return fromName ? `.${fromName.toLowerCase()}` : '';
}

/**
 * Stores the bytes under `<dataDir>/files/YYYY/MM/<rowId>-<sha256 prefix><ext>`: written to a
 * temporary file in the same folder, fsynced, renamed over the target and the folder fsynced,
 * so a crash leaves either the whole file or none, never a torn one under the final name.
 * Idempotent: the same row with the same bytes finds its file and writes nothing.
 */
export async function storeFile(input: StoreFileInput): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  const [year, month] = shanghaiDate(input.receivedAt).split('-') as [string, string];
  const name = `${input.rowId}-${sha256.slice(0, 16)}${extensionFor(input.contentType, input.filename)}`;
  const relative = path.posix.join('files', year, month, name);
  const stored: StoredFile = { path: relative, sha256, bytes: input.data.length };

  const dir = path.join(input.dataDir, 'files', year, month);
  const target = path.join(dir, name);
  // Residents' documents (ID cards, certificates): readable by the service's user only.
  const firstCreated = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (await holds(target, input.data.length, sha256)) return stored;

  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(input.data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  // The rename (and any folder just created) is durable only once the folders holding them are.
  for (const folder of foldersToSync(dir, firstCreated)) await syncFolder(folder);
  return stored;
}

/** The absolute path of a stored file, from the relative path `storeFile` answered. */
export function storedFilePath(dataDir: string, relative: string): string {
  return path.join(dataDir, ...relative.split('/'));
}

async function holds(file: string, bytes: number, sha256: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (stat.size !== bytes) return false;
    return (
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex') === sha256
    );
  } catch {
    return false;
  }
}

/** `dir` itself, plus every folder from the parent of the first one mkdir created down to it. */
function foldersToSync(dir: string, firstCreated: string | undefined): string[] {
  const folders = [dir];
  if (firstCreated === undefined) return folders;
  for (let folder = dir; folder !== path.dirname(firstCreated); ) {
    folder = path.dirname(folder);
    folders.push(folder);
    if (folder === path.dirname(folder)) break;
  }
  return folders;
}

async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the file itself was synced already.
  } finally {
    await handle?.close();
  }
}
