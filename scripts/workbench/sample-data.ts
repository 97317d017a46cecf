/**
 * A fictitious data set for the workbench screenshots: invented people with ID numbers that pass
 * the GB 11643 check but belong to nobody, cases in several townships at several steps, one
 * photo of a material, and a review meeting. Steps are taken through `stepCase` on a clock the
 * script moves, so the deadlines are the real ones.
 */

import type { Composition } from '../../src/app/compose';
import { createCase } from '../../src/core/cases/case-records';
import { stepCase } from '../../src/core/cases/case-steps';
import type { PiiCipher } from '../../src/core/crypto/pii-cipher';
import type { Db } from '../../src/core/db/database';
import { type StaffInput, saveStaff } from '../../src/core/staff/staff-directory';
import type { WorkflowEvent } from '../../src/domain/workflow/workflow-events';
import { createMeeting, inviteesOf } from '../../src/features/meetings/meeting-records';

export const SAMPLE_STAFF: StaffInput[] = [
  {
    userId: 'caseworker-demo',
    name: '王丽（平安镇民政办）',
    role: 'township_caseworker',
    townshipId: 'pingan',
  },
  {
    userId: 'caseworker-demo-2',
    name: '陈刚（平安镇民政办）',
    role: 'township_caseworker',
    townshipId: 'pingan',
  },
  {
    userId: 'member-demo',
    name: '赵明',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '民政分管领导',
  },
  {
    userId: 'member-demo-2',
    name: '孙霞',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '纪委委员',
  },
  { userId: 'supervisor-demo', name: '李军（市民政局）', role: 'bureau_supervisor' },
  { userId: 'caseworker-fate', name: '周强（法特镇）', role: 'township_caseworker', townshipId: 'fate' },
  { userId: 'caseworker-xihe', name: '吴静（溪河镇）', role: 'township_caseworker', townshipId: 'xihe' },
];

/** GB 11643 check character of the first 17 digits. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const person = (n: number) =>
  withCheck(`22028319${50 + (n % 40)}0${(n % 9) + 1}1${n % 10}${String(100 + (n % 900)).slice(-3)}`);

interface SampleCase {
  id: string;
  name: string;
  program: 'dibao' | 'tekun' | 'linshi';
  township: string;
  village: string;
  /** Steps taken, each on a day before the screenshots' "today". */
  steps: { day: string; event: WorkflowEvent; by: string }[];
  members?: { name: string; relation: string }[];
}

const accept = (day: string, by = 'caseworker-demo') => ({ day, event: { type: 'accept' } as const, by });

export const SAMPLE_CASES: SampleCase[] = [
  {
    id: 'SQ2026-PA-0117',
    name: '张桂兰',
    program: 'dibao',
    township: 'pingan',
    village: '平安村',
    steps: [accept('2026-10-09')],
    members: [{ name: '李建国', relation: '配偶' }],
  },
  {
    id: 'SQ2026-PA-0123',
    name: '刘德福',
    program: 'tekun',
    township: 'pingan',
    village: '新立村',
    steps: [accept('2026-10-20')],
  },
  {
    id: 'SQ2026-PA-0131',
    name: '王秀英',
    program: 'dibao',
    township: 'pingan',
    village: '平安村',
    steps: [accept('2026-11-12')],
    members: [
      { name: '王小军', relation: '儿子' },
      { name: '王小红', relation: '女儿' },
    ],
  },
  {
    id: 'SQ2026-PA-0135',
    name: '赵春生',
    program: 'linshi',
    township: 'pingan',
    village: '永安村',
    steps: [accept('2026-11-24')],
  },
  {
    id: 'SQ2026-PA-0140',
    name: '孙玉梅',
    program: 'dibao',
    township: 'pingan',
    village: '新立村',
    steps: [],
  },
  {
    id: 'SQ2026-PA-0141',
    name: '周永和',
    program: 'linshi',
    township: 'pingan',
    village: '永安村',
    steps: [],
  },
  {
    id: 'SQ2026-FT-0088',
    name: '马淑芬',
    program: 'dibao',
    township: 'fate',
    village: '法特村',
    steps: [accept('2026-10-10', 'caseworker-fate')],
  },
  {
    id: 'SQ2026-FT-0091',
    name: '高志远',
    program: 'tekun',
    township: 'fate',
    village: '东兴村',
    steps: [accept('2026-11-25', 'caseworker-fate')],
  },
  { id: 'SQ2026-XH-0042', name: '郑桂香', program: 'dibao', township: 'xihe', village: '溪河村', steps: [] },
  {
    id: 'SQ2026-XH-0045',
    name: '冯国庆',
    program: 'linshi',
    township: 'xihe',
    village: '红旗村',
    steps: [accept('2026-11-30', 'caseworker-xihe')],
  },
];

/** Wall-clock 09:00 in Asia/Shanghai on `day`. */
export const morningOf = (day: string) => new Date(`${day}T01:00:00Z`);

export async function seedSample(
  db: Db,
  cipher: PiiCipher,
  parts: Composition,
  setNow: (at: Date) => void,
  today: string,
): Promise<void> {
  setNow(morningOf('2026-10-08'));
  for (const s of SAMPLE_STAFF) await saveStaff(db, s, morningOf('2026-10-08'));
  for (const [n, c] of SAMPLE_CASES.entries()) {
    const submitted = c.steps[0]?.day ?? '2026-11-27';
    const at = new Date(morningOf(submitted).getTime() - 24 * 3600 * 1000);
    setNow(at);
    const made = await createCase(
      db,
      cipher,
      {
        id: c.id,
        program: c.program,
        businessType: 'new',
        ...(c.program === 'linshi' ? { temporaryAidKind: 'expenditure' as const } : {}),
        townshipId: c.township,
        submittedBy: 'self',
        applicant: {
          name: c.name,
          idNumber: person(n + 3),
          phone: `139043${String(10000 + n * 7).slice(-5)}`,
        },
        members: (c.members ?? []).map((m, i) => ({ ...m, idNumber: person(n * 10 + i + 50) })),
        nearRelativeDeclared: false,
        hivTagged: false,
        applicantContact: { userId: `resident-${c.id}`, channel: 'kf', openKfId: 'wkSample' },
        declaration: { village: c.village },
      },
      { id: `resident-${c.id}`, role: 'resident', township: c.township },
      at,
    );
    if (!made.ok) throw new Error(`sample case ${c.id}: ${made.code}`);
    for (const step of c.steps) {
      const when = morningOf(step.day);
      setNow(when);
      const staff = SAMPLE_STAFF.find((s) => s.userId === step.by)!;
      const result = await stepCase(
        db,
        {
          caseId: c.id,
          actor: { id: staff.userId, role: staff.role, township: staff.townshipId },
          event: step.event,
        },
        parts.steps.rules,
        parts.steps.effects,
        when,
      );
      if (!result.ok) throw new Error(`sample step ${c.id} ${step.event.type}: ${result.code}`);
    }
  }
  setNow(morningOf(today));
  await createMeeting(
    db,
    {
      townshipId: 'pingan',
      organiserId: 'caseworker-demo',
      heldAt: new Date(morningOf(today).getTime() + 2 * 24 * 3600 * 1000),
      place: '平安镇政府二楼会议室',
      agenda: [
        { caseId: 'SQ2026-PA-0117', name: '张桂兰' },
        { caseId: 'SQ2026-PA-0123', name: '刘德福' },
      ],
      invitees: await inviteesOf(db, 'pingan'),
    },
    morningOf(today),
  );
}
