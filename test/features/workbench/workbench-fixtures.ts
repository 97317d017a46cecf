import { createCase } from '../../../src/core/cases/case-records';
import { seedStaff } from '../../support/staff-seed';
import { TEST_CIPHER, type TestService } from '../../support/test-service';

/** Fictitious people: ID numbers valid by GB 11643 but belonging to nobody. */
export const PEOPLE = {
  pingan: { name: '张伟', idNumber: '220283198001010016', phone: '13904321234' },
  pinganMember: { name: '李娜', relation: '配偶', idNumber: '220283198203040029' },
  fate: { name: '刘洋', idNumber: '220283195007070040' },
} as const;

export const STAFF = {
  caseworker: 'wb-cw-pingan',
  otherTownship: 'wb-cw-fate',
  member: 'wb-member-pingan',
  supervisor: 'wb-supervisor',
} as const;

export const RESIDENT = 'wb-resident-1';

/** Staff of 平安镇 and 法特镇, a bureau supervisor, and one case in each township. */
export async function seedWorkbench(svc: TestService): Promise<{ pinganCase: string; fateCase: string }> {
  await seedStaff(svc, [
    { userId: STAFF.caseworker, name: '王经办', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'wb-cw-pingan-2', name: '王二', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: STAFF.otherTownship, name: '赵经办', role: 'township_caseworker', townshipId: 'fate' },
    { userId: STAFF.member, name: '孙委员', role: 'coordination_member', townshipId: 'pingan' },
    { userId: STAFF.supervisor, name: '市局审核', role: 'bureau_supervisor', townshipId: null },
  ]);
  const now = svc.clock();
  const pinganCase = 'SQ-WB-PA-0001';
  const fateCase = 'SQ-WB-FT-0001';
  const made = await createCase(
    svc.database.db,
    TEST_CIPHER,
    {
      id: pinganCase,
      program: 'dibao',
      businessType: 'new',
      townshipId: 'pingan',
      submittedBy: 'self',
      applicant: { name: PEOPLE.pingan.name, idNumber: PEOPLE.pingan.idNumber, phone: PEOPLE.pingan.phone },
      members: [{ ...PEOPLE.pinganMember }],
      nearRelativeDeclared: false,
      hivTagged: false,
      applicantContact: { userId: RESIDENT, channel: 'app' },
      declaration: { village: '平安村' },
    },
    { id: RESIDENT, role: 'resident', township: 'pingan' },
    now,
  );
  const other = await createCase(
    svc.database.db,
    TEST_CIPHER,
    {
      id: fateCase,
      program: 'tekun',
      businessType: 'new',
      townshipId: 'fate',
      submittedBy: 'self',
      applicant: { name: PEOPLE.fate.name, idNumber: PEOPLE.fate.idNumber },
      members: [],
      nearRelativeDeclared: false,
      hivTagged: false,
      declaration: { village: '法特村' },
    },
    { id: 'wb-resident-2', role: 'resident', township: 'fate' },
    now,
  );
  if (!made.ok || !other.ok) throw new Error('fixture cases not created');
  return { pinganCase, fateCase };
}
