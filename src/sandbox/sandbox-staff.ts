import type { Db } from '../core/db/database';
import { findStaff, type StaffInput, saveStaff } from '../core/staff/staff-directory';

/**
 * The demo staff `npm run chat -- --as …` talks as, registered in sandbox mode only: a caseworker,
 * a coordination-group member and a village committee of 平安镇, and a bureau supervisor.
 * Existing entries (e.g. changed with `npm run admin`) are left as they are.
 */
export const SANDBOX_STAFF: readonly StaffInput[] = [
  { userId: 'caseworker-demo', name: 'Demo caseworker', role: 'township_caseworker', townshipId: 'pingan' },
  {
    userId: 'member-demo',
    name: 'Demo group member',
    role: 'coordination_member',
    townshipId: 'pingan',
    position: '民政分管领导',
  },
  { userId: 'village-demo', name: 'Demo village committee', role: 'village_committee', townshipId: 'pingan' },
  { userId: 'supervisor-demo', name: 'Demo bureau supervisor', role: 'bureau_supervisor' },
];

export async function seedSandboxStaff(db: Db, now: Date): Promise<void> {
  for (const member of SANDBOX_STAFF) {
    if (!(await findStaff(db, member.userId))) await saveStaff(db, member, now);
  }
}
