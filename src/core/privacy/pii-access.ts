import type { CaseRow } from '../cases/case-records';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { piiReads } from '../db/schema';
import type { StaffMember } from '../staff/staff-directory';
import { maskIdNumber, maskPhone } from './mask';

/** The applicant's identifiers as every staff member who may see the case sees them. */
export function maskedIdentifiers(cipher: PiiCipher, row: CaseRow): { idNumber: string; phone?: string } {
  const phone = row.applicantPhoneSealed ? maskPhone(cipher.open(row.applicantPhoneSealed)) : undefined;
  return { idNumber: maskIdNumber(cipher.open(row.applicantIdSealed)), ...(phone ? { phone } : {}) };
}

/** Why a staff member who can see a case may not read its full identifiers. */
export type FullPiiRefusal = 'role' | 'not_owner_township';

/**
 * Who may read a case's full ID number and phone: a caseworker of the township that owns the
 * case (户籍; the residence township of a 人户分离 case investigates but does not) and bureau
 * supervisors. The caller has already checked that the staff member may see the case at all.
 */
export function fullPiiRefusal(staff: StaffMember, row: CaseRow): FullPiiRefusal | undefined {
  if (staff.role === 'bureau_supervisor') return undefined;
  if (staff.role !== 'township_caseworker') return 'role';
  return staff.townshipId === row.townshipId ? undefined : 'not_owner_township';
}

/**
 * Opens the applicant's full ID number and phone for an allowed reader and records one audit row
 * per field read (in the caller's transaction: no read without its record).
 */
export async function readFullPii(
  db: Db,
  cipher: PiiCipher,
  staff: StaffMember,
  row: CaseRow,
  purpose: string,
  now: Date,
): Promise<{ ok: true; idNumber: string; phone?: string } | { ok: false; refusal: FullPiiRefusal }> {
  const refusal = fullPiiRefusal(staff, row);
  if (refusal) return { ok: false, refusal };
  const idNumber = cipher.open(row.applicantIdSealed);
  const phone = row.applicantPhoneSealed ? cipher.open(row.applicantPhoneSealed) : undefined;
  const audit = (field: 'applicant_id' | 'applicant_phone') => ({
    readerId: staff.userId,
    readerRole: staff.role,
    readerTownship: staff.townshipId ?? null,
    caseId: row.id,
    field,
    purpose,
    at: now,
  });
  await db.insert(piiReads).values([audit('applicant_id'), ...(phone ? [audit('applicant_phone')] : [])]);
  return { ok: true, idNumber, ...(phone ? { phone } : {}) };
}
