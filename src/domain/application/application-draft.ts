import { z } from 'zod';
import type { Circumstance } from '../materials/material-types';

/**
 * An application as a resident fills it in chat (六(一): a written application with household
 * income and assets and the authorisation for economic checks). Every field is optional until
 * asked; the draft is stored sealed, since it holds ID numbers and a phone.
 */
export const applicationDraftSchema = z.object({
  program: z.enum(['dibao', 'tekun', 'linshi']).optional(),
  temporaryAidKind: z.enum(['emergency', 'expenditure']).optional(),
  name: z.string().optional(),
  idNumber: z.string().optional(),
  phone: z.string().optional(),
  townshipId: z.string().optional(),
  village: z.string().optional(),
  livesAtRegistered: z.boolean().optional(),
  residenceTownshipId: z.string().optional(),
  memberCount: z.number().int().optional(),
  members: z.array(z.object({ name: z.string(), relation: z.string(), idNumber: z.string() })).optional(),
  incomeItems: z.array(z.object({ label: z.string(), fen: z.number().int() })).optional(),
  savingsFen: z.number().int().optional(),
  hasVehicle: z.boolean().optional(),
  housingUnits: z.number().int().optional(),
  circumstances: z.array(z.string()).optional(),
  /** Why the household applies, in the resident's words (the form's 申请理由). */
  reason: z.string().optional(),
  /** 临时救助: the sum asked for; 0 when the resident cannot say yet (worked out on the visit). */
  requestedFen: z.number().int().nonnegative().optional(),
  consent: z.literal(true).optional(),
  nearRelative: z.boolean().optional(),
});

export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;

/** The circumstances a resident may tick, per program (each adds materials to the checklist). */
export function circumstanceOptions(draft: ApplicationDraft): Circumstance[] {
  const common: Circumstance[] = [
    'disability',
    'serious_illness',
    'employment_income',
    'adult_student',
    'divorce_or_custody',
    'guardian_acts',
  ];
  if (draft.program === 'tekun') return [...common, 'has_legal_obligors'];
  if (draft.program === 'linshi' && draft.temporaryAidKind === 'expenditure')
    return [...common, 'medical_expense', 'education_expense'];
  return common;
}

/** Every circumstance of the application, ticked or implied by an answer (人户分离, near relative). */
export function circumstancesOf(draft: ApplicationDraft): Circumstance[] {
  const ticked = (draft.circumstances ?? []).filter((c): c is Circumstance =>
    (circumstanceOptions(draft) as string[]).includes(c),
  );
  const implied: Circumstance[] = [];
  if (draft.livesAtRegistered === false) implied.push('residence_split');
  if (draft.nearRelative === true) implied.push('near_relative');
  return [...ticked, ...implied];
}

/** Monthly household income from the items given, in fen. */
export function monthlyIncomeFen(draft: ApplicationDraft): number {
  return (draft.incomeItems ?? []).reduce((sum, item) => sum + item.fen, 0);
}
