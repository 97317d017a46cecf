import { loadParameters } from '../../src/core/config/load-parameters';
import type { Database } from '../../src/core/db/database';
import { findStaff, listStaff, saveStaff } from '../../src/core/staff/staff-directory';
import { toLocalDate } from '../../src/domain/calendar/local-date';
import { lookupIn } from '../../src/domain/parameters/parameter-lookup';
import { inviteesOf } from '../../src/features/meetings/meeting-records';
import { SANDBOX_CHAT_ROLES, SANDBOX_STAFF, seedSandboxStaff } from '../../src/sandbox/sandbox-staff';
import { openTestDatabase } from '../support/test-database';

const now = new Date('2026-12-03T01:00:00Z');
describe('the demo staff of a new sandbox', () => {
  let database: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(() => database.dispose());

  it('invite enough of 平安镇 to a review meeting for its quorum, under Chinese names', async () => {
    await seedSandboxStaff(database.db, now);
    const quorum = lookupIn(loadParameters())(
      'procedure.reviewMeetingMinParticipants',
      toLocalDate('2026-12-03'),
    );
    expect(quorum).toMatchObject({ status: 'set' });
    const needed = quorum.status === 'set' ? quorum.value : Number.NaN;
    expect((await inviteesOf(database.db, 'pingan')).length).toBeGreaterThanOrEqual(needed);
    for (const member of await listStaff(database.db)) expect(member.name).not.toMatch(/[A-Za-z]/);
  });

  it('renames the English placeholders of an older sandbox, and keeps what an operator chose', async () => {
    await saveStaff(
      database.db,
      { userId: 'caseworker-demo', name: 'Demo caseworker', role: 'township_caseworker', townshipId: 'fate' },
      now,
    );
    await saveStaff(
      database.db,
      { userId: 'member-demo', name: '周主任', role: 'coordination_member', townshipId: 'pingan' },
      now,
    );
    await seedSandboxStaff(database.db, now);
    // The name only: the township moved with npm run admin stays.
    expect(await findStaff(database.db, 'caseworker-demo')).toMatchObject({
      name: '王丽',
      townshipId: 'fate',
    });
    expect(await findStaff(database.db, 'member-demo')).toMatchObject({ name: '周主任', position: null });
    expect(await findStaff(database.db, 'member-demo-5')).toMatchObject({ name: '冯静' });
  });
});

describe('npm run chat --as', () => {
  it('lets npm run chat talk as each of them, under the role names it always had', () => {
    // Each demo staff member, and nobody else but the resident.
    expect(new Set(Object.values(SANDBOX_CHAT_ROLES))).toEqual(
      new Set([...SANDBOX_STAFF.map((s) => s.userId), 'resident-demo']),
    );
    expect(SANDBOX_CHAT_ROLES).toMatchObject({
      resident: 'resident-demo',
      caseworker: 'caseworker-demo',
      village: 'village-demo',
      member: 'member-demo',
      supervisor: 'supervisor-demo',
    });
  });
});
