import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../src/core/db/database';
import { residentFiles } from '../../src/core/db/schema';

/** A small PNG (a grey "document" on a light background), so a thumbnail shows without any real photo. */
function samplePng(width = 240, height = 180): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const paper = x > 30 && x < width - 30 && y > 20 && y < height - 20;
      const line = paper && y % 16 === 0 && x > 45 && x < width - 45;
      const v = line ? 120 : paper ? 245 : 200;
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = v;
      raw[at + 1] = v;
      raw[at + 2] = paper ? v : 215;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Records `count` photos the applicant of `caseId` sent, stored under DATA_DIR like fetched media. */
export async function addSamplePhotos(
  db: Db,
  dataDir: string,
  caseId: string,
  userId: string,
  at: Date,
  count: number,
): Promise<void> {
  const data = samplePng();
  for (let n = 0; n < count; n++) {
    const relative = path.posix.join('files', '2026', '11', `sample-${caseId}-${n + 1}.png`);
    fs.mkdirSync(path.join(dataDir, 'files', '2026', '11'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, relative), data, { mode: 0o600 });
    await db.insert(residentFiles).values({
      inboundId: 900_000 + n,
      channel: 'kf',
      userId,
      caseId,
      msgType: 'image',
      mediaId: `sample-media-${n}`,
      status: 'stored',
      nextAttemptAt: at,
      storagePath: relative,
      contentType: 'image/png',
      bytes: data.length,
      createdAt: at,
      storedAt: at,
      ...(n === 0 ? { materialId: 'written_application', taggedBy: 'caseworker-demo', taggedAt: at } : {}),
    });
  }
}
