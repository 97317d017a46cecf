import type { Db } from '../core/db/database';
import { findStaff, type StaffInput, saveStaff } from '../core/staff/staff-directory';

/**
 * The demo staff `npm run chat -- --as …` talks as, registered in sandbox mode only: a caseworker,
 * the coordination group (协调小组) and a village committee of 平安镇, and a bureau supervisor.
 * The caseworker who convenes a review meeting and the five members make six invitees, so a
 * meeting reaches the quorum of five (六(三)) with one member to spare for a refusal. Their names
 * are shown to people (cards, minutes, the workbench sign-in page), hence Chinese.
 * Existing entries (e.g. changed with `npm run admin`) are left as they are.
 */
export const SANDBOX_STAFF: readonly StaffInput[] = [
  { userId: 'caseworker-demo', name: '王丽', role: 'township_caseworker', townshipId: 'pingan' },
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
    position: '纪委书记',
  },
  {
    userId: 'member-demo-3',
    name: '钱伟',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '民政工作负责人',
  },
  {
    userId: 'member-demo-4',
    name: '郑涛',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '财政所所长',
  },
  {
    userId: 'member-demo-5',
    name: '冯静',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '司法所所长',
  },
  { userId: 'village-demo', name: '刘洋', role: 'village_committee', townshipId: 'pingan' },
  { userId: 'supervisor-demo', name: '李军', role: 'bureau_supervisor' },
];

/** `npm run chat -- --as ROLE`: each role name and the user id it talks as (`member` is `member1`). */
export const SANDBOX_CHAT_ROLES: Readonly<Record<string, string>> = {
  resident: 'resident-demo',
  caseworker: 'caseworker-demo',
  village: 'village-demo',
  member: 'member-demo',
  member1: 'member-demo',
  member2: 'member-demo-2',
  member3: 'member-demo-3',
  member4: 'member-demo-4',
  member5: 'member-demo-5',
  supervisor: 'supervisor-demo',
};

/** The English placeholders earlier sandboxes registered: replaced, as nobody chose them. */
const FORMER_NAMES: Readonly<Record<string, string>> = {
  'caseworker-demo': 'Demo caseworker',
  'member-demo': 'Demo group member',
  'village-demo': 'Demo village committee',
  'supervisor-demo': 'Demo bureau supervisor',
};

export async function seedSandboxStaff(db: Db, now: Date): Promise<void> {
  for (const member of SANDBOX_STAFF) {
    const existing = await findStaff(db, member.userId);
    if (!existing) {
      await saveStaff(db, member, now);
    } else if (existing.name === FORMER_NAMES[member.userId]) {
      // Only the name: a role or township changed with npm run admin stays as it was.
      await saveStaff(
        db,
        {
          userId: existing.userId,
          name: member.name,
          role: existing.role,
          townshipId: existing.townshipId ?? undefined,
          position: existing.position ?? undefined,
        },
        now,
      );
    }
  }
}
