import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAdmin } from '../../src/app/cli/admin-commands';
import { residentFiles } from '../../src/core/db/schema';
import { type ArchiveChecklist, archiveChecklist } from '../../src/features/bureau/archive-checklist';
import { openTestDatabase } from '../support/test-database';
import {
  at,
  cipher,
  decidedCase,
  effects,
  idNumber,
  investigate,
  rules,
  step,
  templates,
  townships,
} from './bureau-fixtures';

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
let database: TestDb;
let dir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-archive-'));
  const db = database.db;
  await decidedCase(
    db,
    {
      id: 'A-FULL',
      township: 'pingan',
      idNumber: idNumber(401),
      nearRelativeDeclared: true,
      submittedBy: 'village_committee',
    },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-20') },
    { kind: 'approve', amountFen: 48_000 },
  );
  await step(db, 'A-FULL', 'pingan', { type: 'file_with_bureau', reportMonth: '2026-10' }, at('2026-10-30'));
  await db.insert(residentFiles).values({
    inboundId: 1,
    channel: 'app',
    userId: 'resident-1',
    caseId: 'A-FULL',
    materialId: 'written_application',
    msgType: 'file',
    mediaId: 'm-1',
    status: 'stored',
    nextAttemptAt: at('2026-10-09'),
    storagePath: 'files/2026/10/1-abc.pdf',
    createdAt: at('2026-10-09'),
  });
  // Verified, but nobody has visited the household yet.
  await investigate(
    db,
    { id: 'A-NOVISIT', township: 'pingan', idNumber: idNumber(402) },
    { acceptOn: '2026-10-09' },
    'verified',
  );
  await decidedCase(
    db,
    { id: 'A-INELIGIBLE', township: 'fate', idNumber: idNumber(403) },
    { acceptOn: '2026-10-09', publicityOn: '2026-10-09', decideAt: at('2026-10-12') },
    { kind: 'ineligible' },
  );
}, 60_000);
afterAll(async () => {
  await database.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const statuses = (c: ArchiveChecklist | undefined) =>
  Object.fromEntries((c?.items ?? []).map((i) => [i.id, i.status]));

describe('archive checklist (八, 六(三))', () => {
  it('a filed case with every part: each present, with where it was found', async () => {
    const checklist = await archiveChecklist(database.db, 'A-FULL');
    expect(checklist).toMatchObject({ caseId: 'A-FULL', filed: true, complete: true, state: 'filed' });
    expect(statuses(checklist)).toEqual({
      application: 'present',
      materials: 'present',
      near_relative_filing: 'present',
      economic_check: 'present',
      home_visit: 'present',
      appraisal: 'present',
      publicity: 'present',
      meeting_minutes: 'present',
      decision_notice: 'present',
    });
    const item = (id: string) => checklist!.items.find((i) => i.id === id)!;
    expect(item('home_visit').evidence).toEqual([expect.stringMatching(/^event #\d+ record_home_visit$/)]);
    expect(item('meeting_minutes').evidence[0]).toContain('minutes minutes-2026-10-20 (5 participants)');
    expect(item('decision_notice').evidence[0]).toMatch(/notice #\d+ approval \(notice\.approval v\d+\)/);
    expect(item('publicity').evidence.some((e) => /notice #\d+ publicity/.test(e))).toBe(true);
    const materials = item('materials').materials!;
    // The materials of the program, plus those the circumstances call for (entrusted, near relative).
    expect(materials.map((m) => m.id)).toEqual(
      expect.arrayContaining(['written_application', 'entrustment_letter', 'near_relative_filing_form']),
    );
    expect(materials.find((m) => m.id === 'written_application')).toEqual({
      id: 'written_application',
      status: 'present',
      evidence: 'file',
    });
    expect(materials.find((m) => m.id === 'entrustment_letter')?.evidence).toBe('acceptance');
  });

  it('flags a missing home visit', async () => {
    const checklist = await archiveChecklist(database.db, 'A-NOVISIT');
    expect(checklist?.complete).toBe(false);
    expect(checklist?.items.find((i) => i.id === 'home_visit')).toEqual({
      id: 'home_visit',
      clause: '六(二)',
      status: 'missing',
      evidence: [],
      detail: 'no home visit recorded',
    });
    expect(statuses(checklist)).toMatchObject({
      application: 'present',
      economic_check: 'present',
      near_relative_filing: 'not_applicable',
      appraisal: 'missing',
      publicity: 'missing',
      meeting_minutes: 'missing',
      decision_notice: 'missing',
    });
  });

  it('a case rejected at review needs no publicity and no meeting, but its written reasons', async () => {
    const checklist = await archiveChecklist(database.db, 'A-INELIGIBLE');
    expect(statuses(checklist)).toMatchObject({
      publicity: 'not_applicable',
      meeting_minutes: 'not_applicable',
      decision_notice: 'present',
    });
    expect(checklist?.complete).toBe(true);
  });

  it('npm run admin -- archive-check CASE_ID prints it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const run = (caseId: string) =>
      runAdmin(['archive-check', caseId], {
        db: database.db,
        townships,
        now: at('2026-11-02'),
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        bureau: { cipher, dataDir: dir, templates, rules, effects },
      });
    expect(await run('A-NOVISIT')).toBe(0);
    const labels = templates.phrases('bureau.archive-items');
    expect(out[0]).toBe('A-NOVISIT\tdibao/new\tpingan\tverified\tnot filed\tINCOMPLETE');
    expect(out).toContain(
      `${labels['status.missing']}\thome_visit\t${labels.home_visit}\t六(二)\tno home visit recorded`,
    );
    expect(out.some((l) => l.startsWith(`  ${labels['status.present']}\twritten_application\t`))).toBe(true);
    expect(await run('NO-SUCH')).toBe(2);
    expect(err).toEqual(['no case NO-SUCH']);
  });
});
