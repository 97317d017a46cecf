import { staffMembers } from '../../src/core/db/schema';
import type { StaffRole } from '../../src/core/staff/staff-directory';
import type { TestService } from './test-service';

/** Registers staff in the service's directory, stamped with the service's own clock. */
export async function seedStaff(
  svc: Pick<TestService, 'database' | 'clock'>,
  members: readonly { userId: string; role: StaffRole; townshipId: string | null; name?: string }[],
): Promise<void> {
  const now = svc.clock();
  await svc.database.db.insert(staffMembers).values(
    members.map((m) => ({
      userId: m.userId,
      name: m.name ?? m.userId,
      role: m.role,
      townshipId: m.townshipId,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
