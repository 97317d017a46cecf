import { BUSINESS_TYPES, type BusinessType, type Program } from '../case/case-types';
import type { MaterialsApplication } from './checklist';
import { CIRCUMSTANCES, type Circumstance } from './material-types';

/** What a case says about itself that decides its materials (六(一)). */
export interface CaseMaterialFacts {
  program: Program;
  businessType: string;
  temporaryAidKind: 'emergency' | 'expenditure' | null;
  townshipId: string;
  residenceTownshipId: string | null;
  submittedBy: 'self' | 'village_committee';
  nearRelativeDeclared: boolean;
  nearRelativeDetected: boolean;
}

export const isCircumstance = (value: unknown): value is Circumstance =>
  typeof value === 'string' && (CIRCUMSTANCES as readonly string[]).includes(value);

/**
 * Every circumstance known of a case: those recorded (ticked in the declaration, recorded on a
 * member; unknown values ignored) and those the case implies — 受委托代为提交, 人户分离, a near relative.
 */
export function caseCircumstances(facts: CaseMaterialFacts, recorded: readonly unknown[]): Circumstance[] {
  const found = new Set<Circumstance>(recorded.filter(isCircumstance));
  if (facts.submittedBy === 'village_committee') found.add('entrusted_submission');
  if (facts.residenceTownshipId && facts.residenceTownshipId !== facts.townshipId)
    found.add('residence_split');
  if (facts.nearRelativeDeclared || facts.nearRelativeDetected) found.add('near_relative');
  return [...found];
}

/** The checklist's question for a case; undefined when its business type is not one of its program's. */
export function materialsApplicationOf(
  facts: Pick<CaseMaterialFacts, 'program' | 'businessType' | 'temporaryAidKind'>,
  circumstances: readonly Circumstance[],
): MaterialsApplication | undefined {
  if (!(BUSINESS_TYPES[facts.program] as readonly string[]).includes(facts.businessType)) return undefined;
  // The narrowing below mirrors BUSINESS_TYPES, just checked.
  if (facts.program === 'linshi')
    return {
      program: 'linshi',
      businessType: 'new',
      temporaryAidKind: facts.temporaryAidKind ?? 'emergency',
      circumstances,
    };
  if (facts.program === 'tekun')
    return { program: 'tekun', businessType: facts.businessType as BusinessType<'tekun'>, circumstances };
  return { program: 'dibao', businessType: facts.businessType as BusinessType<'dibao'>, circumstances };
}
