import { type CaseRow, factsOf } from '../../core/cases/case-records';
import type { ReplyChoice } from '../../core/outbox/reply-model';
import { actorOf, type StaffMember } from '../../core/staff/staff-directory';
import type { TemplateStore } from '../../core/templates/template-store';
import { availableSteps } from '../../domain/workflow/available-steps';
import type { CaseState } from '../../domain/workflow/case-states';
import { specFor } from './step-specs';

/** Button key of a step on a case: `step:<event>:<case id>`, read back by the step handler. */
export const STEP_KEY = 'step:';

/**
 * The steps this staff member may take on the case now that chat can ask for, as buttons — what
 * `案件 <编号>` shows and what every reply to a step done offers next, wherever the step was taken
 * (the casework steps, the meeting's decision), so the next step is always one tap away.
 */
export function stepChoices(templates: TemplateStore, row: CaseRow, staff: StaffMember): ReplyChoice[] {
  return availableSteps(row.state as CaseState, factsOf(row), actorOf(staff))
    .filter((e) => specFor(e))
    .map((e) => ({ key: `${STEP_KEY}${e}:${row.id}`, label: templates.phrase('staff.events', e) }));
}
