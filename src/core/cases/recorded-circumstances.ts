import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { Db } from '../db/database';
import { caseMembers } from '../db/schema';
import type { CaseRow } from './case-records';

/** What is read of the sealed declaration: the circumstances, whatever else it holds. */
const declaration = z.looseObject({ circumstances: z.array(z.string()).optional() });

/**
 * The circumstances recorded for a case: ticked in the applicant's declaration (sealed: it names
 * illness or disability; read only with the cipher) and recorded on household members.
 */
export async function recordedCircumstances(
  db: Db,
  cipher: PiiCipher | undefined,
  row: Pick<CaseRow, 'id' | 'applicationSealed'>,
): Promise<string[]> {
  const members = await db
    .select({ circumstances: caseMembers.circumstances })
    .from(caseMembers)
    .where(eq(caseMembers.caseId, row.id));
  const recorded = members.flatMap((m) => z.array(z.string()).catch([]).parse(m.circumstances));
  return [...recorded, ...declared(cipher, row.applicationSealed)];
}

function declared(cipher: PiiCipher | undefined, sealed: string | null): string[] {
  if (!cipher || !sealed) return [];
  try {
    const parsed = declaration.safeParse(JSON.parse(cipher.open(sealed)));
    return parsed.success ? (parsed.data.circumstances ?? []) : [];
  } catch {
    return []; // unreadable: the program's own items still apply
  }
}
