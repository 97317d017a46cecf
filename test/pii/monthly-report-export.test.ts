import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { monthlyReports } from '../../src/core/db/schema';
import { generateMonthlyReport } from '../../src/features/bureau/monthly-report';
import { toReportMonth } from '../../src/features/bureau/report-month';
import { at, decidedCase, idNumber, investigate, templates, townships } from '../bureau/bureau-fixtures';
import { openTestDatabase } from '../support/test-database';
import { ID_SHAPED, MOBILE_SHAPED } from './pii-patterns';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let dataDir: string;
const ids = [idNumber(901), idNumber(902), idNumber(903)];

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pii-report-'));
  const db = database.db;
  await decidedCase(
    db,
    { id: 'X1', township: 'pingan', idNumber: ids[0]! },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-20') },
    { kind: 'approve', amountFen: 48_000 },
  );
  await decidedCase(
    db,
    { id: 'X2', township: 'fate', idNumber: ids[1]! },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-21') },
    { kind: 'reject' },
  );
  await investigate(
    db,
    { id: 'X3', township: 'pingan', idNumber: ids[2]! },
    { acceptOn: '2026-08-03' },
    'verified',
  );
});
afterAll(async () => {
  await database.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every entry of a zip (an .xlsx) inflated to text: cells, shared strings, properties. */
function zipTexts(bytes: Buffer): string[] {
  const texts: string[] = [];
  for (let i = 0; i + 30 <= bytes.length; ) {
    if (bytes.readUInt32LE(i) !== 0x04034b50) break;
    const method = bytes.readUInt16LE(i + 8);
    const size = bytes.readUInt32LE(i + 18);
    const nameLength = bytes.readUInt16LE(i + 26);
    const extraLength = bytes.readUInt16LE(i + 28);
    const start = i + 30 + nameLength + extraLength;
    const data = bytes.subarray(start, start + size);
    texts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    i = start + size;
  }
  return texts;
}

describe('the monthly report export', () => {
  it('holds case ids and figures, never an ID number or anything shaped like one', async () => {
    const report = await generateMonthlyReport(
      { db: database.db, dataDir, templates, townships },
      toReportMonth('2026-10'),
      at('2026-11-01'),
    );
    const bytes = fs.readFileSync(path.join(dataDir, report.storagePath));
    const texts = zipTexts(bytes);
    expect(texts.length).toBeGreaterThan(3);
    const all = texts.join('\n');
    // The report really lists the cases (so the scan looked at something).
    expect(all).toContain('X1');
    for (const id of ids) {
      expect(all).not.toContain(id);
      expect(all).not.toContain(id.slice(6, 14));
    }
    expect(all.match(ID_SHAPED) ?? []).toEqual([]);
    expect(all.match(MOBILE_SHAPED) ?? []).toEqual([]);
    const stored = JSON.stringify(await database.db.select().from(monthlyReports));
    for (const id of ids) expect(stored).not.toContain(id);
  });
});
