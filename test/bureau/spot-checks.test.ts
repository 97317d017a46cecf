import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../src/app/cli/admin-commands';
import type { Db } from '../../src/core/db/database';
import { spotChecks } from '../../src/core/db/schema';
import { toReportMonth } from '../../src/features/bureau/report-month';
import { drawSample, seededRandom } from '../../src/features/bureau/seeded-random';
import { candidateIds, sampleSpotChecks } from '../../src/features/bureau/spot-checks';
import { openTestDatabase } from '../support/test-database';
import {
  at,
  cipher,
  decidedCase,
  effects,
  idNumber,
  newCase,
  putInPayment,
  rules,
  templates,
  townships,
} from './bureau-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let first: TestDb;
let second: TestDb;
let dir: string;

/** 24 households in payment (16 of 平安镇, 8 of 法特镇) and 2 more cases that are not. */
const PAID = Array.from({ length: 24 }, (_, i) => ({
  id: `S-${String(i + 1).padStart(2, '0')}`,
  township: i % 3 === 2 ? 'fate' : 'pingan',
  idNumber: idNumber(200 + i),
}));

async function seed(db: Db, order: typeof PAID) {
  for (const c of order) {
    await newCase(db, c, at('2026-06-01'));
    await putInPayment(db, c.id);
  }
  await newCase(db, { id: 'S-NEW', township: 'pingan', idNumber: idNumber(300) }, at('2026-10-01'));
}

beforeAll(async () => {
  [first, second] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-spot-'));
  await seed(first.db, PAID);
  // The same households entered in another order: the draw must not depend on it.
  await seed(second.db, [...PAID].reverse());
  // Two cases decided in October, one in September.
  const approve = { kind: 'approve' as const, amountFen: 48_000 };
  await decidedCase(
    first.db,
    { id: 'M-1', township: 'pingan', idNumber: idNumber(310) },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-20') },
    approve,
  );
  await decidedCase(
    first.db,
    { id: 'M-2', township: 'fate', idNumber: idNumber(311) },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-21') },
    { kind: 'reject' },
  );
  await decidedCase(
    first.db,
    { id: 'M-3', township: 'pingan', idNumber: idNumber(312) },
    { acceptOn: '2026-09-01', publicityOn: '2026-09-01', decideAt: at('2026-09-15') },
    approve,
  );
}, 120_000);
afterAll(async () => {
  await Promise.all([first.dispose(), second.dispose()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function admin(now: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    db: first.db,
    townships,
    now: new Date(now),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    bureau: { cipher, dataDir: dir, templates, rules, effects },
  });
  return { code, out, err: err.join('\n') };
}

const caseIds = (checks: { caseId: string }[]) => checks.map((c) => c.caseId).sort();

describe('spot checks (六(六))', () => {
  it('the same seed and the same data draw the same cases, whatever order the data were entered in', async () => {
    const now = at('2026-11-02');
    const a = await sampleSpotChecks(first.db, { share: 0.25, seed: '2026-11 bureau' }, now);
    const b = await sampleSpotChecks(second.db, { share: 0.25, seed: '2026-11 bureau' }, now);
    expect(a.candidates).toBe(24);
    expect(a.checks).toHaveLength(6);
    expect(caseIds(a.checks)).toEqual(caseIds(b.checks));
    expect(a.batch).toBe('in-payment:all:0.25:2026-11 bureau');
    expect(a.checks.every((c) => c.status === 'sampled' && c.seed === '2026-11 bureau')).toBe(true);
    expect(a.checks.every((c) => c.townshipId === PAID.find((p) => p.id === c.caseId)?.township)).toBe(true);

    const other = await sampleSpotChecks(second.db, { share: 0.25, seed: 'another seed' }, now);
    expect(caseIds(other.checks)).not.toEqual(caseIds(a.checks));
  });

  it('drawing a batch again returns it as stored and adds nothing', async () => {
    const again = await sampleSpotChecks(first.db, { share: 0.25, seed: '2026-11 bureau' }, at('2026-11-03'));
    expect(again.existing).toBe(true);
    expect(again.checks).toHaveLength(6);
    expect(await first.db.select().from(spotChecks)).toHaveLength(6);
  });

  it('draws within a township, at least one case, and from a month’s decisions', async () => {
    const fate = await sampleSpotChecks(
      first.db,
      { share: 0.1, seed: 's', townshipId: 'fate' },
      at('2026-11-02'),
    );
    expect(fate.candidates).toBe(8);
    expect(fate.checks).toHaveLength(1);
    expect(fate.checks[0]?.townshipId).toBe('fate');
    expect(await candidateIds(first.db, { month: toReportMonth('2026-10') })).toEqual(['M-1', 'M-2']);
    expect(await candidateIds(first.db, { month: toReportMonth('2026-10'), townshipId: 'pingan' })).toEqual([
      'M-1',
    ]);
    const october = await sampleSpotChecks(
      first.db,
      { share: 1, seed: 's', month: toReportMonth('2026-10') },
      at('2026-11-02'),
    );
    expect(caseIds(october.checks)).toEqual(['M-1', 'M-2']);
  });

  it('the generator is reproducible and spread', () => {
    const one = seededRandom('x');
    const two = seededRandom('x');
    const draws = Array.from({ length: 1000 }, () => one());
    expect(Array.from({ length: 1000 }, () => two())).toEqual(draws);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(drawSample([1, 2, 3], 5, 'x').sort()).toEqual([1, 2, 3]);
  });

  it('findings, rectification deadlines and closing, through the CLI; overdue rectifications listed first', async () => {
    const sampled = await admin(
      '2026-11-02T02:00:00Z',
      'spot-check',
      'sample',
      '--share',
      '0.25',
      '--seed',
      'cli',
      '--township',
      'pingan',
    );
    expect(sampled.code).toBe(0);
    expect(sampled.out[0]).toBe('batch in-payment:pingan:0.25:cli: 4 of 16 cases');
    const ids = sampled.out.slice(1).map((l) => Number(/^#(\d+)/.exec(l)![1]));
    expect(ids).toHaveLength(4);
    const [a, b, c, d] = ids as [number, number, number, number];

    expect(
      await admin(
        '2026-11-02T02:00:00Z',
        'spot-check',
        'record',
        '--id',
        String(a),
        '--findings',
        'archive matches',
      ),
    ).toMatchObject({ code: 0, out: [expect.stringMatching(/: passed$/)] });
    expect(
      await admin(
        '2026-11-02T02:00:00Z',
        'spot-check',
        'record',
        '--id',
        String(b),
        '--findings',
        'no second signer',
        '--rectify-by',
        '2026-11-20',
      ),
    ).toMatchObject({ code: 0, out: [expect.stringMatching(/: rectifying \(rectify by 2026-11-20\)$/)] });
    expect(
      await admin(
        '2026-11-02T02:00:00Z',
        'spot-check',
        'record',
        '--id',
        String(c),
        '--findings',
        // An ID number typed into the findings (kept in clear) is masked, however it is typed.
        'income not verified for 220283 19620708 3457',
        '--rectify-by',
        '2026-11-05',
      ),
    ).toMatchObject({ code: 0 });
    expect(
      await admin(
        '2026-11-02T02:00:00Z',
        'spot-check',
        'record',
        '--id',
        String(d),
        '--findings',
        '收入未核实',
        '--rectify-by',
        '2026-11-01',
      ),
    ).toMatchObject({ code: 2, err: '--rectify-by is before today' });
    // Findings are recorded in the case's supervision file: 无 or one letter says nothing.
    for (const empty of ['x', '无', '同上'])
      expect(
        await admin('2026-11-02T02:00:00Z', 'spot-check', 'record', '--id', String(d), '--findings', empty),
      ).toMatchObject({ code: 2, err: expect.stringContaining('--findings says nothing') });
    expect(
      await admin(
        '2026-11-02T02:00:00Z',
        'spot-check',
        'record',
        '--id',
        String(d),
        '--findings',
        '收入未核实',
        '--rectify-by',
        '2026-11-31',
      ),
    ).toMatchObject({ code: 2, err: '--rectify-by must be a date YYYY-MM-DD' });

    // On 10 November the 5 November deadline has passed.
    const listed = await admin('2026-11-10T02:00:00Z', 'spot-check', 'list', '--open');
    const order = listed.out.map((l) => Number(/^#(\d+)/.exec(l)![1]));
    expect(order.slice(0, 2)).toEqual([c, b]);
    expect(listed.out[0]).toContain(
      'rectifying OVERDUE\t2026-11-05\tincome not verified for 220283********3457',
    );
    expect(listed.out[1]).toMatch(/\trectifying\t2026-11-20\t/);
    expect(order).toContain(d);
    expect(order).not.toContain(a);

    expect(await admin('2026-11-10T02:00:00Z', 'spot-check', 'close', '--id', String(c))).toMatchObject({
      code: 0,
      out: [expect.stringMatching(/: closed \(rectify by 2026-11-05\)$/)],
    });
    expect((await admin('2026-11-10T02:00:00Z', 'spot-check', 'close', '--id', String(c))).err).toBe(
      'the spot check is closed',
    );
    expect((await admin('2026-11-10T02:00:00Z', 'spot-check', 'close', '--id', String(a))).err).toContain(
      'only a check under rectification can be closed',
    );
    expect(
      (
        await admin(
          '2026-11-10T02:00:00Z',
          'spot-check',
          'record',
          '--id',
          '99999',
          '--findings',
          '收入未核实',
        )
      ).err,
    ).toBe('no such spot check');
    const all = await admin('2026-11-10T02:00:00Z', 'spot-check', 'list');
    expect(all.out[0]).toMatch(new RegExp(`^#${b}\\t`));
    expect(all.out.some((l) => l.startsWith(`#${c}\t`) && l.includes('\tclosed\t'))).toBe(true);
  });

  it('refuses bad arguments', async () => {
    const now = '2026-11-02T02:00:00Z';
    expect((await admin(now, 'spot-check', 'sample', '--share', '0', '--seed', 'x')).code).toBe(2);
    expect((await admin(now, 'spot-check', 'sample', '--share', '0.1')).err).toContain('--seed is required');
    expect(
      (await admin(now, 'spot-check', 'sample', '--share', '0.1', '--seed', 'x', '--township', 'atlantis'))
        .err,
    ).toContain('unknown township atlantis');
    expect(
      (await admin(now, 'spot-check', 'sample', '--share', '0.1', '--seed', 'x', '--month', '2026-13')).err,
    ).toBe('--month must be YYYY-MM');
    expect((await admin(now, 'spot-check', 'frobnicate')).code).toBe(2);
    expect((await admin(now, 'spot-check', 'record', '--findings', 'x')).err).toContain('--id must be');
  });
});
