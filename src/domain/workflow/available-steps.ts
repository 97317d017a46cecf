import type { Actor, CaseFacts } from '../case/case-types';
import type { CaseState } from './case-states';
import { TRANSITIONS } from './transition-table';
import type { EventType } from './workflow-events';

/**
 * The steps an actor may take on a case now, by the transition table: the row exists for the
 * state, the actor holds its role and belongs to its township, and an HIV-tagged case offers
 * township staff nothing (Jilin rule), and a step a guard refuses for this case's facts alone is
 * not offered. Guards may still refuse a step for its content.
 */
export function availableSteps(state: CaseState, facts: CaseFacts, actor: Actor): EventType[] {
  const steps = TRANSITIONS.filter((t) => {
    if (!t.from.includes(state) || !(t.when?.(facts) ?? true) || !t.roles.includes(actor.role)) return false;
    if (facts.hivTagged && t.event !== 'refer_to_bureau' && t.tenant !== 'any') return false;
    // A guard on the case's facts alone that refuses it (先行救助 for a 支出型 case): not offered.
    if (t.guards.some((g) => g.admits && !g.admits(facts))) return false;
    const tenant = t.tenant === 'residence' ? facts.residenceTownship : facts.township;
    return t.tenant === 'any' || actor.township === tenant;
  }).map((t) => t.event);
  return [...new Set(steps)];
}
