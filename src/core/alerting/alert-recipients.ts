import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { staffMembers } from '../db/schema';

/**
 * Who receives which alert, read once per run from the active staff: a township's caseworkers,
 * its coordination-group lead(s), and the bureau supervisors. Every township list is keyed by the
 * staff member's own township, so one township's alerts never reach another's staff.
 */
export interface AlertRecipients {
  /** Active caseworkers of the township, sorted. */
  caseworkers(townshipId: string): string[];
  /**
   * Whom an overdue legal deadline escalates to in the township: coordination members holding the
   * lead position (民政分管领导, from the phrase table), else every coordination member.
   */
  coordinationLeads(townshipId: string): string[];
  /** Every active bureau supervisor. */
  supervisors(): string[];
  /** Townships that have at least one active caseworker, sorted. */
  caseworkerTownships(): string[];
}

export async function loadAlertRecipients(db: Db, leadPosition: string): Promise<AlertRecipients> {
  const staff = await db
    .select({
      userId: staffMembers.userId,
      role: staffMembers.role,
      townshipId: staffMembers.townshipId,
      position: staffMembers.position,
    })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.active, true),
        inArray(staffMembers.role, ['township_caseworker', 'coordination_member', 'bureau_supervisor']),
      ),
    );
  const ids = (rows: typeof staff) => rows.map((r) => r.userId).sort();
  const ofTownship = (townshipId: string, role: (typeof staff)[number]['role']) =>
    staff.filter((s) => s.townshipId === townshipId && s.role === role);
  return {
    caseworkers: (townshipId) => ids(ofTownship(townshipId, 'township_caseworker')),
    coordinationLeads(townshipId) {
      const members = ofTownship(townshipId, 'coordination_member');
      const leads = members.filter((m) => m.position?.trim() === leadPosition);
      return ids(leads.length > 0 ? leads : members);
    },
    supervisors: () => ids(staff.filter((s) => s.role === 'bureau_supervisor')),
    caseworkerTownships: () =>
      [
        ...new Set(
          staff.flatMap((s) => (s.role === 'township_caseworker' && s.townshipId ? [s.townshipId] : [])),
        ),
      ].sort(),
  };
}
