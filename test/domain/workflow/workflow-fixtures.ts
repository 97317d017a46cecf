import type { Actor, CaseFacts } from '../../../src/domain/case/case-types';
import type { GuardContext } from '../../../src/domain/workflow/guard-types';
import type { HomeVisit, MeetingRecord } from '../../../src/domain/workflow/workflow-events';

export const TOWNSHIP = 'tianjia';
export const OTHER = 'pingan';

export const caseworker: Actor = { id: 'cw-1', role: 'township_caseworker', township: TOWNSHIP };
export const bureau: Actor = { id: 'bureau-1', role: 'bureau_supervisor', township: undefined };

export function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    id: 'case-1',
    program: 'dibao',
    businessType: 'new',
    temporaryAidKind: undefined,
    township: TOWNSHIP,
    residenceTownship: undefined,
    householdSize: 3,
    submittedBy: 'self',
    nearRelative: { declared: false, detected: false, filed: false },
    hivTagged: false,
    outcome: undefined,
    ...overrides,
  };
}

export function context(overrides: Partial<GuardContext> = {}): GuardContext {
  return {
    now: new Date('2026-10-20T02:00:00Z'),
    today: '2026-10-20',
    firstMaterialsNotice: undefined,
    publicityLastDay: undefined,
    temporaryAidVerdict: undefined,
    extensionCapWorkingDays: 45,
    recordedNewFacts: [],
    decisionWorkingDays: 30,
    minHomeVisitStaff: 2,
    minMeetingParticipants: 5,
    ...overrides,
  };
}

export function visit(staff: [string, boolean][], township = TOWNSHIP): HomeVisit {
  return {
    visitedOn: '2026-10-12',
    staff: staff.map(([staffId, signed]) => ({ staffId, township, signed })),
    findings: '家庭人口3人，无车辆',
  };
}

export function meeting(confirmed: number, unconfirmed = 0): MeetingRecord {
  return {
    heldOn: '2026-11-05',
    participants: [
      ...Array.from({ length: confirmed }, (_, i) => ({ personId: `m${i}`, confirmed: true })),
      ...Array.from({ length: unconfirmed }, (_, i) => ({ personId: `u${i}`, confirmed: false })),
    ],
    minutesRef: 'minutes-2026-11-05',
  };
}
