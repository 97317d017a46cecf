import type { Actor, CaseFacts } from '../case/case-types';
import type { CaseState } from './case-states';
import type { GuardContext, GuardResult, RefusalCode } from './guard-types';
import { type Effect, type Transition, transitionFor } from './transition-table';
import type { WorkflowEvent } from './workflow-events';

export type StepResult =
  | { ok: true; from: CaseState; to: CaseState; effects: readonly Effect[]; transition: Transition }
  | { ok: false; code: RefusalCode; detail: string; guard?: string; clause?: string };

/**
 * Judges one step on a case: the table must have a row for it, the actor must hold a permitted
 * role in the right township (a caseworker acts only on cases of their own township, 四), and every
 * guard of the row must pass. Pure: the service applies the result, its audit entry and effects
 * in one transaction.
 */
export function applyEvent(
  state: CaseState,
  facts: CaseFacts,
  actor: Actor,
  event: WorkflowEvent,
  context: GuardContext,
): StepResult {
  const transition = transitionFor(state, event.type, facts);
  if (!transition)
    return { ok: false, code: 'not_allowed_in_state', detail: `${event.type} is not possible in ${state}` };
  // Jilin rule: an HIV-tagged case leaves township flows; only its referral to the bureau remains.
  if (facts.hivTagged && transition.event !== 'refer_to_bureau' && transition.tenant !== 'any') {
    return {
      ok: false,
      code: 'hiv_case_outside_township_flows',
      detail: 'HIV-tagged case: refer to the bureau privately',
      clause: 'docs/domain.md §17, Jilin HIV rule',
    };
  }
  if (!transition.roles.includes(actor.role)) {
    return { ok: false, code: 'wrong_role', detail: `${actor.role} may not ${event.type}` };
  }
  const tenant = transition.tenant === 'residence' ? facts.residenceTownship : facts.township;
  if (transition.tenant !== 'any' && actor.township !== tenant) {
    return {
      ok: false,
      code: 'other_township',
      detail: `case belongs to ${tenant ?? 'no township'}`,
      clause: '四',
    };
  }
  for (const guard of transition.guards) {
    const result: GuardResult = guard.check({ facts, actor, event, context });
    if (!result.ok) return { ...result, guard: guard.name, clause: guard.clause };
  }
  return {
    ok: true,
    from: state,
    to: transition.to === 'same' ? state : transition.to,
    effects: transition.effects,
    transition,
  };
}
