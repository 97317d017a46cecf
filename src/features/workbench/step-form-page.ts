import type { Context } from 'koa';
import { type CaseRow, factsOf } from '../../core/cases/case-records';
import { stepCase } from '../../core/cases/case-steps';
import { actorOf } from '../../core/staff/staff-directory';
import { shanghaiDate } from '../../domain/calendar';
import { availableSteps } from '../../domain/workflow/available-steps';
import type { CaseState } from '../../domain/workflow/case-states';
import type { EventType } from '../../domain/workflow/workflow-events';
import { CONFIRMED_STEPS, stepAnswers } from '../casework/step-confirmation';
import { stepContextOf } from '../casework/step-context';
import type { StepContext, StepDraft, StepSpec } from '../casework/step-questions';
import { specFor } from '../casework/step-specs';
import { sendHtml } from './http-helpers';
import { frame } from './page-frame';
import { type StepFormWalk, walkStepForm } from './step-form';
import type { WorkbenchDeps } from './workbench-deps';
import type { SignedIn } from './workbench-session';

/** A step this user may take on this case now, with its questions; undefined otherwise. */
export function pageStep(row: CaseRow, who: SignedIn, event: string): StepSpec | undefined {
  const spec = specFor(event);
  if (!spec) return undefined;
  const allowed = availableSteps(row.state as CaseState, factsOf(row), actorOf(who.staff));
  return allowed.includes(spec.event) ? spec : undefined;
}

/** The answers a page sent: one value per field, several ticked options joined by spaces. */
export function formAnswers(form: URLSearchParams | undefined): (name: string) => string | undefined {
  return (name) => {
    const values = form?.getAll(name) ?? [];
    return values.length ? values.join(' ') : undefined;
  };
}

export const caseHref = (row: CaseRow) => `/workbench/cases/${encodeURIComponent(row.id)}`;

/**
 * A step with questions on the page (issue 20): the questions asked so far and the next one; once
 * all are read, steps that send a notice or cannot be undone show what will be sent to whom
 * before 确认; then the step is taken through `stepCase`, as in chat, against the version the
 * case had when the form was opened.
 */
export async function handleStepForm(
  ctx: Context,
  deps: WorkbenchDeps,
  who: SignedIn,
  row: CaseRow,
  spec: StepSpec,
  form: URLSearchParams | undefined,
): Promise<void> {
  const now = deps.now();
  const c = await stepContextOf(deps.db, deps, who.staff, row, shanghaiDate(now));
  const walk = walkStepForm(spec, c, formAnswers(form), deps.templates);
  const version = Number(form?.get('version') ?? row.version);
  const confirmed = form?.get('confirm') === '1';
  // 修改 from the confirmation: the answers back in their fields.
  if (form?.get('edit') === '1') return renderStepForm(ctx, deps, who, c, spec, walk, version, false);
  if (!walk.complete || (CONFIRMED_STEPS.has(spec.event) && !confirmed))
    return renderStepForm(ctx, deps, who, c, spec, walk, version, walk.complete);
  const result = await stepCase(
    deps.db,
    {
      caseId: row.id,
      actor: actorOf(who.staff),
      event: spec.build(walk.draft, c),
      ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
    },
    deps.steps.rules,
    deps.steps.effects,
    now,
  );
  ctx.status = 303;
  if (!result.ok) {
    ctx.state.log?.info({ caseId: row.id, event: spec.event, code: result.code }, 'workbench step refused');
    return ctx.redirect(
      result.code === 'stale_version'
        ? `${caseHref(row)}?stale=1`
        : `${caseHref(row)}?refused=${result.code}`,
    );
  }
  ctx.state.log?.info({ caseId: row.id, event: spec.event, to: result.to }, 'workbench step taken');
  ctx.state.outcome = 'step_taken';
  deps.onOutbox();
  ctx.redirect(`${caseHref(row)}?done=${spec.event}`);
}

function renderStepForm(
  ctx: Context,
  deps: WorkbenchDeps,
  who: SignedIn,
  c: StepContext,
  spec: StepSpec,
  walk: StepFormWalk,
  version: number,
  confirming: boolean,
): void {
  const { templates } = deps;
  const event = templates.phrase('staff.events', spec.event);
  const verbs = templates.phrases('staff.event-verbs');
  const optionLabels = templates.phrases('staff.option-labels');
  sendHtml(
    ctx,
    deps.pages.render('step', {
      ...frame(deps, who, undefined, `${verbs[spec.event] ?? event} ${c.row.id}`),
      title: `${event} ${c.row.id}`,
      step: {
        event,
        caseId: c.row.id,
        name: c.row.applicantName,
        back: caseHref(c.row),
        action: `${caseHref(c.row)}/steps/${spec.event}`,
        version,
        confirming,
        consequence: confirming ? templates.phrase('staff.step-consequences', spec.event as EventType) : '',
        answers: confirming ? answersOf(deps, spec, walk.draft, c, optionLabels) : [],
      },
      fields: walk.fields,
    }),
  );
}

function answersOf(
  deps: WorkbenchDeps,
  spec: StepSpec,
  draft: StepDraft,
  c: StepContext,
  optionLabels: Readonly<Record<string, string>>,
) {
  const { templates } = deps;
  return stepAnswers(
    spec,
    draft,
    c,
    (id) => templates.phrase('staff.step-slots', id),
    (yes) => templates.phrase('chat.flow', yes ? 'yes' : 'no'),
    (option) => optionLabels[option] ?? option,
  );
}
