import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { storedFilePath, storeFile } from '../../src/core/media/file-storage';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shulan-files-'));
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('storeFile', () => {
  it('files by Shanghai month under <dataDir>/files, named by row and hash, readable by us only', async () => {
    const data = randomBytes(5000);
    // 17:00 UTC on 31 January is already 1 February in Shanghai.
    const stored = await storeFile({
      dataDir,
      rowId: 42,
      data,
      contentType: 'image/jpeg',
      filename: 'IMG_0001.JPG',
      receivedAt: new Date('2025-01-31T17:00:00Z'),
    });
    expect(stored).toEqual({
      path: `files/2025/02/42-${sha256(data).slice(0, 16)}.jpg`,
      sha256: sha256(data),
      bytes: 5000,
    });
    const absolute = storedFilePath(dataDir, stored.path);
    expect(await fs.readFile(absolute)).toEqual(data);
    expect(await fs.readdir(path.dirname(absolute))).toEqual([path.basename(absolute)]);
    if (process.platform !== 'win32') expect((await fs.stat(absolute)).mode & 0o777).toBe(0o600);
  });

  it('is idempotent for the same row, and replaces a damaged copy', async () => {
    const input = {
      dataDir,
      rowId: 7,
      data: randomBytes(1000),
      contentType: 'application/octet-stream',
      filename: '户口本.pdf',
      receivedAt: new Date('2025-06-01T00:00:00Z'),
    };
    const first = await storeFile(input);
    const absolute = storedFilePath(dataDir, first.path);
    const { mtimeMs } = await fs.stat(absolute);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await storeFile(input)).toEqual(first);
    expect((await fs.stat(absolute)).mtimeMs).toBe(mtimeMs);

    await fs.writeFile(absolute, Buffer.alloc(1000));
    expect(await storeFile(input)).toEqual(first);
    expect(sha256(await fs.readFile(absolute))).toBe(first.sha256);
    expect(await fs.readdir(path.dirname(absolute))).toEqual([path.basename(absolute)]);
    expect(first.path).toMatch(/\.pdf$/);
  });
});
