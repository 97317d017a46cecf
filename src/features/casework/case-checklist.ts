import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CaseRow } from '../../core/cases/case-records';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { caseMembers } from '../../core/db/schema';
import { BUSINESS_TYPES } from '../../domain/case/case-types';
import {
  type ChecklistItem,
  checklistFor,
  type MaterialsApplication,
} from '../../domain/materials/checklist';
import { CIRCUMSTANCES, type Circumstance } from '../../domain/materials/material-types';

/** What the checklist reads of the sealed declaration: the circumstances, whatever else it holds. */
const declarationCircumstances = z.looseObject({ circumstances: z.array(z.string()).optional() });

const isCircumstance = (value: unknown): value is Circumstance =>
  typeof value === 'string' && (CIRCUMSTANCES as readonly string[]).includes(value);

/**
 * The materials checklist of one case (六(一)): the catalogue rows for its program, business type,
 * 临时救助 kind and every circumstance known of it — ticked in the declaration (sealed: it names
 * illness or disability), recorded on a household member, or implied by the case (受委托代为提交,
 * 人户分离, a near relative). What a 补正 request may name and what a resident's file may be tagged as.
 */
export async function checklistOfCase(
  db: Db,
  cipher: PiiCipher,
  row: CaseRow,
): Promise<readonly ChecklistItem[]> {
  const circumstances = new Set<Circumstance>();
  for (const c of declaredCircumstances(cipher, row)) circumstances.add(c);
  const members = await db
    .select({ circumstances: caseMembers.circumstances })
    .from(caseMembers)
    .where(eq(caseMembers.caseId, row.id));
  for (const member of members)
    for (const c of Array.isArray(member.circumstances) ? member.circumstances : [])
      if (isCircumstance(c)) circumstances.add(c);
  if (row.submittedBy === 'village_committee') circumstances.add('entrusted_submission');
  if (row.residenceTownshipId && row.residenceTownshipId !== row.townshipId)
    circumstances.add('residence_split');
  if (row.nearRelativeDeclared || row.nearRelativeDetected) circumstances.add('near_relative');
  return checklistFor(applicationOf(row, [...circumstances])).items;
}

function declaredCircumstances(cipher: PiiCipher, row: CaseRow): Circumstance[] {
  if (!row.applicationSealed) return [];
  let declaration: unknown;
  try {
    declaration = JSON.parse(cipher.open(row.applicationSealed));
  } catch {
    return []; // unreadable: the program's own items still apply
  }
  const parsed = declarationCircumstances.safeParse(declaration);
  return parsed.success ? (parsed.data.circumstances ?? []).filter(isCircumstance) : [];
}

function applicationOf(row: CaseRow, circumstances: Circumstance[]): MaterialsApplication {
  if (row.program === 'linshi')
    return {
      program: 'linshi',
      businessType: 'new',
      temporaryAidKind: row.temporaryAidKind ?? 'emergency',
      circumstances,
    };
  if (row.program === 'tekun') {
    const types: readonly string[] = BUSINESS_TYPES.tekun;
    const businessType = types.includes(row.businessType)
      ? (row.businessType as (typeof BUSINESS_TYPES.tekun)[number])
      : 'new';
    return { program: 'tekun', businessType, circumstances };
  }
  const types: readonly string[] = BUSINESS_TYPES.dibao;
  const businessType = types.includes(row.businessType)
    ? (row.businessType as (typeof BUSINESS_TYPES.dibao)[number])
    : 'new';
  return { program: 'dibao', businessType, circumstances };
}
