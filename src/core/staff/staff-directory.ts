import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/case/case-types';
import type { Db } from '../db/database';
import { staffMembers } from '../db/schema';

export type StaffRole = (typeof staffMembers.$inferSelect)['role'];
export type StaffMember = typeof staffMembers.$inferSelect;

export const STAFF_ROLES: readonly StaffRole[] = [
  'village_committee',
  'township_caseworker',
  'coordination_member',
  'bureau_supervisor',
  'admin',
];

/** Roles that act for one township; the bureau and admins have none. */
export const TOWNSHIP_ROLES: readonly StaffRole[] = [
  'village_committee',
  'township_caseworker',
  'coordination_member',
];

/** The active staff member behind a WeCom user id, or undefined for a resident. */
export async function findStaff(db: Db, userId: string): Promise<StaffMember | undefined> {
  const [row] = await db
    .select()
    .from(staffMembers)
    .where(and(eq(staffMembers.userId, userId), eq(staffMembers.active, true)));
  return row;
}

/** A staff member as the workflow sees them. */
export function actorOf(member: StaffMember): Actor {
  return { id: member.userId, role: member.role, township: member.townshipId ?? undefined };
}

/** The active caseworkers of a township (who receive new applications and hand-offs). */
export async function caseworkersOf(db: Db, townshipId: string): Promise<StaffMember[]> {
  return db
    .select()
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.townshipId, townshipId),
        eq(staffMembers.role, 'township_caseworker'),
        eq(staffMembers.active, true),
      ),
    )
    .orderBy(asc(staffMembers.userId));
}

export type StaffInput = Pick<StaffMember, 'userId' | 'name' | 'role'> & {
  townshipId?: string | undefined;
  position?: string | undefined;
};

export type StaffSaveResult =
  | { ok: true; created: boolean }
  | { ok: false; problem: 'township_required' | 'township_not_allowed' };

/** Adds or updates a staff member; a township role needs a township, the bureau and admins none. */
export async function saveStaff(db: Db, input: StaffInput, now: Date): Promise<StaffSaveResult> {
  const needsTownship = TOWNSHIP_ROLES.includes(input.role);
  if (needsTownship && !input.townshipId) return { ok: false, problem: 'township_required' };
  if (!needsTownship && input.townshipId) return { ok: false, problem: 'township_not_allowed' };
  const values = {
    name: input.name,
    role: input.role,
    townshipId: input.townshipId ?? null,
    position: input.position ?? null,
    active: true,
    updatedAt: now,
  };
  const existing = await db.select().from(staffMembers).where(eq(staffMembers.userId, input.userId));
  if (existing.length > 0) {
    await db.update(staffMembers).set(values).where(eq(staffMembers.userId, input.userId));
    return { ok: true, created: false };
  }
  await db.insert(staffMembers).values({ userId: input.userId, ...values, createdAt: now });
  return { ok: true, created: true };
}

/** Deactivates a staff member (kept for the audit trail: past steps name them). */
export async function deactivateStaff(db: Db, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(staffMembers)
    .set({ active: false, updatedAt: now })
    .where(eq(staffMembers.userId, userId))
    .returning({ userId: staffMembers.userId });
  return rows.length > 0;
}

export async function listStaff(db: Db): Promise<StaffMember[]> {
  return db.select().from(staffMembers).orderBy(asc(staffMembers.townshipId), asc(staffMembers.userId));
}

/** The active bureau supervisors (who take referred and escalated cases). */
export async function bureauSupervisors(db: Db): Promise<StaffMember[]> {
  return db
    .select()
    .from(staffMembers)
    .where(and(eq(staffMembers.role, 'bureau_supervisor'), eq(staffMembers.active, true)))
    .orderBy(asc(staffMembers.userId));
}

/** Active staff of a township, any role (e.g. the co-signers a home visit may name). */
export async function staffOfTownship(db: Db, townshipId: string): Promise<StaffMember[]> {
  return db
    .select()
    .from(staffMembers)
    .where(and(eq(staffMembers.townshipId, townshipId), eq(staffMembers.active, true)))
    .orderBy(asc(staffMembers.userId));
}

/** Who may open and send a case's files and print its documents: the township's caseworkers and the bureau. */
export function mayHandleCaseFiles(staff: StaffMember): boolean {
  return staff.role === 'township_caseworker' || staff.role === 'bureau_supervisor';
}

/** Who may run the bureau's commands in chat: its supervisors and the administrator. */
export const isBureauStaff = (staff: StaffMember | undefined): boolean =>
  staff?.role === 'bureau_supervisor' || staff?.role === 'admin';

/** Display names of staff by user id (a resident or the system keeps its id). */
export async function staffNames(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ userId: staffMembers.userId, name: staffMembers.name })
    .from(staffMembers)
    .where(inArray(staffMembers.userId, ids));
  return new Map(rows.map((r) => [r.userId, r.name]));
}
