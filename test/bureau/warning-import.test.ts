import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { runAdmin } from '../../src/app/cli/admin-commands';
import { bureauWarnings, caseEvents, cases } from '../../src/core/db/schema';
import { maskIdNumber } from '../../src/core/privacy/mask';
import { saveStaff } from '../../src/core/staff/staff-directory';
import type { BureauCliDeps } from '../../src/features/bureau/bureau-cli';
import { parseCsv } from '../../src/features/bureau/csv';
import { openTestDatabase } from '../support/test-database';
import {
  at,
  cipher,
  decidedCase,
  effects,
  idNumber,
  investigate,
  putInPayment,
  rules,
  templates,
  townships,
} from './bureau-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let dir: string;
const paid = idNumber(101);
const accepted = idNumber(102);
const unknown = idNumber(103);
const HEADER = 'warning_id,township_id,id_number,reason,received_on,due_on';

beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-warnings-'));
  await decidedCase(
    database.db,
    { id: 'W-PAID', township: 'pingan', idNumber: paid },
    { acceptOn: '2026-09-01', publicityOn: '2026-09-01', decideAt: at('2026-09-15') },
    { kind: 'approve', amountFen: 48_000 },
  );
  await putInPayment(database.db, 'W-PAID');
  await investigate(
    database.db,
    { id: 'W-ACC', township: 'fate', idNumber: accepted },
    { acceptOn: '2026-10-09' },
    'accepted',
  );
  await saveStaff(database.db, { userId: 'sup-1', name: 'sup', role: 'bureau_supervisor' }, at('2026-10-01'));
}, 60_000);
afterAll(async () => {
  await database.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bureau = (): BureauCliDeps => ({ cipher, dataDir: dir, templates, rules, effects });

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    db: database.db,
    townships,
    now: at('2026-11-02'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    bureau: bureau(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function csvFile(name: string, lines: string[], eol = '\n'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join(eol) + eol);
  return file;
}

const warningCount = async () => (await database.db.select().from(bureauWarnings)).length;
const eventsOf = async (caseId: string) =>
  database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));

describe('npm run admin -- import-warnings', () => {
  it('reports every bad row with its line and imports nothing', async () => {
    const badChecksum = `${paid.slice(0, 17)}${paid[17] === '0' ? '1' : '0'}`;
    const file = csvFile('bad.csv', [
      HEADER,
      `YJ-1,pingan,${paid},"income above, car bought",2026-11-01,2026-11-20`,
      `YJ-2,pingan,${badChecksum},reason,2026-11-01,2026-11-20`,
      `YJ-3,atlantis,${unknown},reason,2026-11-01,2026-11-20`,
      `YJ-4,pingan,${unknown},reason,2026-11-20,2026-11-20`,
      `YJ-5,pingan,${unknown},,2026-11-31,2026-12-01`,
      `YJ-1,fate,${accepted},reason,2026-11-01,2026-11-20`,
      'YJ-7,pingan',
    ]);
    const result = await admin('import-warnings', file);
    expect(result.code).toBe(2);
    const lines = result.err.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^line 3 id_number: 220283\*{8}\d{3}[\dX] is not a valid ID number \(checksum\)$/,
        ),
        'line 4 township_id: unknown township (see npm run admin -- townships)',
        'line 5 due_on: due_on must be after received_on',
        'line 6 reason: reason is empty',
        'line 6 received_on: received_on must be a date YYYY-MM-DD',
        'line 7 warning_id: YJ-1 repeats line 2',
        'line 8: 2 fields, the header has 6',
        'nothing imported: 6 bad lines',
      ]),
    );
    expect(lines.some((l) => l.startsWith('line 2'))).toBe(false);
    for (const id of [paid, badChecksum, unknown, accepted]) expect(result.err).not.toContain(id);
    expect(await warningCount()).toBe(0);
    expect((await database.db.select().from(cases).where(eq(cases.id, 'W-PAID')))[0]?.state).toBe(
      'in_payment',
    );
  });

  it('refuses a file without the required columns, naming them', async () => {
    const file = csvFile('columns.csv', [
      'warning_id,township,id_number,reason,received_on,due_on',
      'a,b,c,d,e,f',
    ]);
    expect(await admin('import-warnings', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('line 1: missing columns: township_id; unknown columns: township'),
    });
  });

  it('imports a good file: matches cases by ID hash, sends a paid household to re-check, masks ID numbers', async () => {
    const lines = [
      HEADER,
      `YJ-1,pingan,${paid},"income above, car bought",2026-11-01,2026-11-20`,
      `YJ-2,pingan,${unknown},"two lines`,
      `of reason",2026-11-01,2026-11-20`,
      `YJ-3,fate,${accepted.toLowerCase()},reason: call 138-0000-1111,2026-11-01,2026-11-20`,
    ];
    const file = csvFile('good.csv', lines, '\r\n');
    const result = await admin('import-warnings', file, '--by', 'sup-1');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      `line 2\tYJ-1\tpingan\t${maskIdNumber(paid)}\timported\tcase W-PAID: started`,
      `line 3\tYJ-2\tpingan\t${maskIdNumber(unknown)}\timported\tno matching case`,
      `line 5\tYJ-3\tfate\t${maskIdNumber(accepted)}\timported\tcase W-ACC: not in payment`,
      '3 imported, 0 already imported, 1 cases sent to re-check',
    ]);
    expect(maskIdNumber(paid)).toMatch(/^220283\*{8}\d{3}[\dX]$/);
    for (const id of [paid, unknown, accepted]) expect(result.out).not.toContain(id);

    const stored = await database.db.select().from(bureauWarnings);
    expect(stored.map((w) => [w.id, w.caseId, w.status, w.receivedOn, w.dueOn]).sort()).toEqual([
      ['YJ-1', 'W-PAID', 'open', '2026-11-01', '2026-11-20'],
      ['YJ-2', null, 'open', '2026-11-01', '2026-11-20'],
      ['YJ-3', 'W-ACC', 'open', '2026-11-01', '2026-11-20'],
    ]);
    expect(stored.find((w) => w.id === 'YJ-1')?.subjectIdHash).toBe(cipher.lookupHash(paid));
    expect(stored.find((w) => w.id === 'YJ-2')?.reason).toBe('two lines\r\nof reason');
    // A phone or ID number in the reason (kept in clear, copied into the case's events) is masked.
    expect(stored.find((w) => w.id === 'YJ-3')?.reason).toBe('reason: call 138****1111');
    expect(JSON.stringify(stored)).not.toContain(paid);

    const [row] = await database.db.select().from(cases).where(eq(cases.id, 'W-PAID'));
    expect(row?.state).toBe('recheck');
    const warning = (await eventsOf('W-PAID')).find((e) => e.eventType === 'bureau_warning');
    expect(warning).toMatchObject({
      fromState: 'in_payment',
      toState: 'recheck',
      actorId: 'sup-1',
      actorRole: 'bureau_supervisor',
      payload: { type: 'bureau_warning', warningId: 'YJ-1' },
    });
    expect((await database.db.select().from(cases).where(eq(cases.id, 'W-ACC')))[0]?.state).toBe('accepted');
  });

  it('is idempotent on warning_id: the same file again changes nothing', async () => {
    const before = (await eventsOf('W-PAID')).length;
    const result = await admin('import-warnings', path.join(dir, 'good.csv'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('0 imported, 3 already imported, 0 cases sent to re-check');
    expect(await warningCount()).toBe(3);
    expect(await eventsOf('W-PAID')).toHaveLength(before);
  });

  it('refuses a known warning_id with different content, and then imports none of the file', async () => {
    const file = csvFile('changed.csv', [
      HEADER,
      `YJ-9,pingan,${unknown},new one,2026-11-01,2026-11-20`,
      `YJ-1,pingan,${paid},another reason,2026-11-01,2026-11-20`,
    ]);
    expect(await admin('import-warnings', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('line 3 warning_id: YJ-1 was imported before with different content'),
    });
    expect(await warningCount()).toBe(3);
  });

  it('refuses without a PII key, an --by who is not a supervisor, a missing file', async () => {
    const file = path.join(dir, 'good.csv');
    const noKey = await runAdmin(['import-warnings', file], {
      db: database.db,
      townships,
      now: at('2026-11-02'),
      out: () => {},
      err: () => {},
      bureau: { ...bureau(), cipher: undefined },
    });
    expect(noKey).toBe(2);
    expect(await admin('import-warnings', file, '--by', 'nobody')).toMatchObject({
      code: 2,
      err: 'nobody is not an active bureau_supervisor',
    });
    expect((await admin('import-warnings', path.join(dir, 'missing.csv'))).code).toBe(2);
  });
});

describe('CSV reading', () => {
  it('keeps the line each record starts on across quoted line breaks', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x\r\ny",2\r\n\r\n"say ""hi""",3')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x\r\ny', '2'] },
        { line: 5, fields: ['say "hi"', '3'] },
      ],
    });
    expect(parseCsv('a\n"open')).toEqual({ ok: false, line: 2, problem: 'a quoted field is not closed' });
    expect(parseCsv('"a"b')).toMatchObject({ ok: false, problem: 'text after a closing quote' });
  });
});
