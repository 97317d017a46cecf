import type { BusinessType, TemporaryAidKind } from '../case/case-types';
import { CIRCUMSTANCE_RULES } from './catalogue-circumstance-rules';
import { MATERIALS } from './catalogue-items';
import { PROGRAM_RULES } from './catalogue-program-rules';
import type { ChecklistRule, Circumstance, Citation, Condition, MaterialId } from './material-types';

/**
 * 六(一): the township checks the submitted materials against what the rules prescribe; complete
 * means accept, incomplete means one notice naming everything missing. This module computes the
 * personalised list from the rule tables; `one-time-notice.ts` computes the notice.
 */

/** Version of the catalogue; stored with every checklist and notice so old ones can be reproduced. */
export const MATERIALS_CATALOGUE_VERSION = 'materials-2026.1';

/** The rule table, program rows first, then circumstance rows. */
export const CHECKLIST_RULES: readonly ChecklistRule[] = [...PROGRAM_RULES, ...CIRCUMSTANCE_RULES];

/** What the checklist needs to know about an application. */
export type MaterialsApplication = { circumstances: readonly Circumstance[] } & (
  | { program: 'dibao'; businessType: BusinessType<'dibao'> }
  | { program: 'tekun'; businessType: BusinessType<'tekun'> }
  | { program: 'linshi'; businessType: BusinessType<'linshi'>; temporaryAidKind: TemporaryAidKind }
);

/** One material the application needs, with why and on what authority. */
export interface ChecklistItem {
  id: MaterialId;
  name: string;
  purpose: string;
  sources: readonly Citation[];
  /** `common_practice` when no source of ours names the requirement: confirm with the bureau. */
  basis: 'cited' | 'common_practice';
  /** What calls for it: `program` (the program and business type) and/or the circumstances. */
  because: readonly ('program' | Circumstance)[];
  /** 急难型: may be supplied after the aid is paid (先行救助). */
  mayFollowAfterAid: boolean;
}

export interface Checklist {
  catalogueVersion: string;
  application: MaterialsApplication;
  items: readonly ChecklistItem[];
  /** Circumstances given that add nothing for this program and business type. */
  unusedCircumstances: readonly Circumstance[];
}

function matches(when: Condition, application: MaterialsApplication): boolean {
  const kind = application.program === 'linshi' ? application.temporaryAidKind : undefined;
  return (
    (when.programs === undefined || when.programs.includes(application.program)) &&
    (when.businessTypes === undefined || when.businessTypes.includes(application.businessType)) &&
    (when.temporaryAidKinds === undefined || (kind !== undefined && when.temporaryAidKinds.includes(kind))) &&
    (when.circumstance === undefined || application.circumstances.includes(when.circumstance))
  );
}

/**
 * The personalised checklist: every material whose rule matches the program, business type,
 * 临时救助 kind and circumstances, once each, in rule-table order, with all matching sources.
 */
export function checklistFor(application: MaterialsApplication): Checklist {
  const byId = new Map<MaterialId, ChecklistItem>();
  const usedCircumstances = new Set<Circumstance>();
  for (const rule of CHECKLIST_RULES) {
    if (!matches(rule.when, application)) continue;
    const circumstance = rule.when.circumstance;
    if (circumstance !== undefined) usedCircumstances.add(circumstance);
    const reason = circumstance ?? 'program';
    const existing = byId.get(rule.material);
    const spec = MATERIALS[rule.material];
    const item: ChecklistItem = existing ?? {
      id: rule.material,
      name: spec.name,
      purpose: spec.purpose,
      sources: [],
      basis: 'common_practice',
      because: [],
      mayFollowAfterAid: rule.mayFollowAfterAid === true,
    };
    const sources = [...item.sources, ...rule.sources];
    byId.set(rule.material, {
      ...item,
      sources,
      basis: sources.some((s) => s.document !== 'common_practice') ? 'cited' : 'common_practice',
      because: item.because.includes(reason) ? item.because : [...item.because, reason],
      // a program row that requires it up front overrides a row that lets it follow
      mayFollowAfterAid: item.mayFollowAfterAid && rule.mayFollowAfterAid === true,
    });
  }
  return {
    catalogueVersion: MATERIALS_CATALOGUE_VERSION,
    application,
    items: [...byId.values()],
    unusedCircumstances: [...new Set(application.circumstances)].filter((c) => !usedCircumstances.has(c)),
  };
}

/** The checklist items not among `provided`, in checklist order. Unknown provided ids are ignored. */
export function missingMaterials(checklist: Checklist, provided: Iterable<MaterialId>): ChecklistItem[] {
  const have = new Set(provided);
  return checklist.items.filter((item) => !have.has(item.id));
}
