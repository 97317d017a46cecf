import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import { SlotFlow } from '../../core/bot/slot-flow';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedCommand } from '../../core/bot/typed-text';
import { caseTimeline } from '../../core/cases/case-records';
import { stepCase } from '../../core/cases/case-steps';
import { publicityLastDayOf } from '../../core/cases/due-timer-store';
import { maskText } from '../../core/privacy/mask';
import { maskedIdentifiers, readFullPii } from '../../core/privacy/pii-access';
import { actorOf, type StaffMember, staffNames } from '../../core/staff/staff-directory';
import { shanghaiDate, toLocalDate } from '../../domain/calendar';
import { publicityEndableFrom } from '../../domain/deadlines';
import type { EventType } from '../../domain/workflow/workflow-events';
import { sendDocumentsAfterStep } from '../documents/documents-after-step';
import { bureauTodoOf, caseForStaff, todoOf } from './staff-cases';
import { STEP_KEY, stepChoices } from './step-choices';
import { CONFIRMED_STEPS, NOT_CURABLE_BY_ANSWERS, stepAnswers, stepPreview } from './step-confirmation';
import { stepContextOf } from './step-context';
import { stepHintText } from './step-hint';
import type { StepContext, StepDraft } from './step-questions';
import { specFor, stepSlots } from './step-specs';

const FLOW = 'staff-step';
const CASE_KEY = 'case:';

/**
 * Township staff in the self-built app: `待办` (cases by working days left, overdue first),
 * `案件 <编号>` (summary with the ID number and phone masked, history and the steps possible now, as
 * buttons), `身份证 <编号> <用途>` (the full ID number and phone, for the owning township's
 * caseworkers and the bureau, every read audited in `pii_reads`), and every procedural
 * step, its details asked one question at a time. Every command is scoped to the staff member's
 * township; another township's case is answered as not found.
 */
export function registerCaseWork(router: BotRouter, deps: HandlerDeps): void {
  const { templates } = deps;
  const verbs = templates.phrases('staff.event-verbs');
  const byVerb = new Map(Object.entries(verbs).map(([event, verb]) => [verb, event as EventType]));

  router.on(
    'staff.todo',
    (ctx) => ctx.staff !== undefined && typedCommand(ctx) === '待办',
    async (ctx) => {
      const staff = ctx.staff!;
      if (staff.role === 'bureau_supervisor') {
        await bureauTodo(ctx, deps);
        return;
      }
      if (!staff.townshipId) {
        ctx.reply('staff.todo.no-township');
        return;
      }
      const { items, total } = await todoOf(ctx.db, staff, toLocalDate(shanghaiDate(ctx.now)), deps.calendar);
      ctx.reply(
        'staff.todo',
        {
          township: deps.townships.find((t) => t.id === staff.townshipId)?.name ?? staff.townshipId,
          total,
          shown: items.length,
          items: items.map((i, n) => ({
            n: n + 1,
            id: i.id,
            name: i.applicantName,
            program: templates.phrase('chat.programs', i.program),
            step: templates.phrase('staff.states', i.state),
            deadline: i.deadline
              ? {
                  ...i.deadline,
                  label: templates.phrase('staff.alerts', `kind.${i.deadline.kind}`),
                  late: i.deadline.workingDaysLeft < 0,
                  daysLate: -i.deadline.workingDaysLeft,
                }
              : undefined,
          })),
        },
        items.slice(0, 6).map((i) => ({ key: `${CASE_KEY}${i.id}`, label: i.id })),
      );
    },
  );

  router.on(
    'staff.pii',
    (ctx) => ctx.staff !== undefined && piiAsked(ctx) !== undefined,
    async (ctx) => {
      const { caseId, purpose } = piiAsked(ctx)!;
      const row = await caseForStaff(ctx.db, ctx.staff!, caseId);
      if (!row) {
        ctx.reply('staff.case-not-found', { caseId });
        return;
      }
      if (!purpose) {
        ctx.reply('staff.pii.usage', { caseId: row.id });
        return;
      }
      const read = await readFullPii(ctx.db, deps.cipher, ctx.staff!, row, purpose, ctx.now);
      if (!read.ok) {
        ctx.log.info({ caseId: row.id, refusal: read.refusal }, 'full identifiers refused');
        ctx.reply('staff.pii.refused', {
          caseId: row.id,
          reason: templates.phrase('staff.pii-refusals', read.refusal),
        });
        return;
      }
      ctx.log.info({ caseId: row.id, phoneRead: read.phone !== undefined }, 'full identifiers read');
      ctx.reply(
        'staff.pii.full',
        {
          caseId: row.id,
          name: row.applicantName,
          idNumber: read.idNumber,
          phone: read.phone ?? '',
          purpose,
        },
        undefined,
        { personalData: true },
      );
    },
  );

  router.on(
    'staff.case',
    (ctx) => ctx.staff !== undefined && caseIdAsked(ctx) !== undefined,
    async (ctx) => {
      const caseId = caseIdAsked(ctx)!;
      const row = await caseForStaff(ctx.db, ctx.staff!, caseId);
      if (!row) {
        ctx.reply('staff.case-not-found', { caseId });
        return;
      }
      const timeline = await caseTimeline(ctx.db, row.id);
      const steps = stepChoices(templates, row, ctx.staff!);
      const masked = maskedIdentifiers(deps.cipher, row);
      const shown = timeline.slice(-10);
      const names = await staffNames(
        ctx.db,
        shown.map((e) => e.actor.id),
      );
      ctx.reply(
        'staff.case',
        {
          id: row.id,
          name: row.applicantName,
          idNumber: masked.idNumber,
          phone: masked.phone ?? '',
          program: templates.phrase('chat.programs', row.program),
          householdSize: row.householdSize,
          submittedBy: templates.phrase('staff.submitted-by', row.submittedBy),
          township: deps.townships.find((t) => t.id === row.townshipId)?.name ?? row.townshipId,
          residence: deps.townships.find((t) => t.id === row.residenceTownshipId)?.name ?? '',
          step: templates.phrase('staff.states', row.state),
          nearRelative: row.nearRelativeDeclared || row.nearRelativeDetected,
          // Why it reached the bureau, for the bureau (a township no longer sees an HIV case).
          referral:
            ctx.staff!.role === 'bureau_supervisor'
              ? (timeline.findLast((e) => e.event === 'refer_to_bureau' || e.event === 'escalate')?.reason ??
                '')
              : '',
          history: shown.map((e) => ({
            at: shanghaiDate(e.at),
            event: templates.phrase('staff.events', e.event),
            // Staff by name; the applicant (a WeCom or 微信客服 id) as 申请人.
            actor:
              names.get(e.actor.id) ??
              (e.actor.id === row.applicantUserId
                ? templates.phrase('staff.case-actors', 'applicant')
                : e.actor.id),
          })),
          hasSteps: steps.length > 0,
        },
        steps,
      );
    },
  );

  router.on(
    'staff.step.start',
    (ctx) => ctx.staff !== undefined && stepAsked(ctx, byVerb) !== undefined,
    async (ctx) => {
      const { event, caseId } = stepAsked(ctx, byVerb)!;
      const c = await stepContext(ctx, deps, caseId);
      if (!c) {
        ctx.reply('staff.case-not-found', { caseId });
        return;
      }
      const spec = specFor(event);
      if (!spec) {
        ctx.reply('staff.step.not-in-chat', { event: templates.phrase('staff.events', event) });
        return;
      }
      const flow = stepFlow(deps, c, event, c.row.version);
      await finish(ctx, deps, c, event, c.row.version, flow.begin(ctx, {}));
    },
  );

  router.on(
    'staff.step',
    (ctx) => ctx.staff !== undefined && ctx.state.flow?.name === FLOW,
    async (ctx) => {
      const data = ctx.state.flow!.data;
      const caseId = String(data.caseId ?? '');
      const event = String(data.event ?? '') as EventType;
      const c = await stepContext(ctx, deps, caseId);
      if (!c || !specFor(event)) {
        ctx.state.flow = null;
        ctx.reply('staff.case-not-found', { caseId });
        return;
      }
      // The version seen when the step began: if someone acted since, the step is refused as stale.
      const version = typeof data.version === 'number' ? data.version : c.row.version;
      await finish(ctx, deps, c, event, version, stepFlow(deps, c, event, version).continue(ctx));
    },
  );

  // A step name typed alone (受理, 补正材料…) is a command missing its case number, not a policy question.
  router.on(
    'staff.step.needs-case',
    (ctx) => ctx.staff !== undefined && byVerb.has(typedCommand(ctx)),
    (ctx) => ctx.reply('staff.step.needs-case', { verb: typedCommand(ctx) }),
  );
}

/** The bureau's 待办: cases only it can decide (转报, 一事一议), then filings to review. */
async function bureauTodo(ctx: TurnContext, deps: HandlerDeps): Promise<void> {
  const { templates } = deps;
  const { items, total } = await bureauTodoOf(ctx.db);
  ctx.reply(
    'staff.todo.bureau',
    {
      total,
      shown: items.length,
      items: items.map((i, n) => ({
        n: n + 1,
        id: i.id,
        township: deps.townships.find((t) => t.id === i.townshipId)?.name ?? i.townshipId,
        program: templates.phrase('chat.programs', i.program),
        step: templates.phrase('staff.states', i.state),
        since: shanghaiDate(i.since),
      })),
    },
    items.slice(0, 6).map((i) => ({ key: `${CASE_KEY}${i.id}`, label: i.id })),
  );
}

function stepFlow(deps: HandlerDeps, c: StepContext, event: EventType, version: number): SlotFlow<StepDraft> {
  const { templates } = deps;
  const optionLabels = templates.phrases('staff.option-labels');
  const spec = specFor(event)!;
  return new SlotFlow<StepDraft>(
    {
      name: FLOW,
      labels: 'staff.step-slots',
      slots: stepSlots(spec, c, (key, options, hint) => ({
        templateId: 'staff.step.ask',
        vars: {
          caseId: c.row.id,
          event: templates.phrase('staff.events', event),
          question: templates.phrase('staff.step-questions', key),
          options: options?.map((o, i) => ({ n: i + 1, label: optionLabels[o] ?? o })),
          hint: hint ? stepHintText(templates, hint) : undefined,
        },
      })),
      idleMs: 60 * 60 * 1000,
      maxAgeMs: 7 * 24 * 60 * 60 * 1000,
      // Steps that send a notice or cannot be undone are shown whole, with what goes to whom, first.
      ...(CONFIRMED_STEPS.has(event)
        ? {
            confirmation: (draft: StepDraft) => ({
              templateId: 'staff.step.confirm',
              vars: {
                caseId: c.row.id,
                name: c.row.applicantName,
                event: templates.phrase('staff.events', event),
                answers: stepAnswers(
                  spec,
                  draft,
                  c,
                  (id) => templates.phrase('staff.step-slots', id),
                  (yes) => templates.phrase('chat.flow', yes ? 'yes' : 'no'),
                  (option) => optionLabels[option] ?? option,
                ),
                consequence: templates.phrase('staff.step-consequences', event),
                preview: stepPreview(event, c).map((p) => ({
                  label: templates.phrase('staff.step-preview', p.key),
                  value: p.value || templates.phrase('staff.step-preview', 'blank'),
                })),
              },
            }),
          }
        : {}),
      load: (data) =>
        typeof data.draft === 'object' && data.draft !== null ? (data.draft as StepDraft) : {},
      save: (draft) => ({ caseId: c.row.id, event, version, draft }),
    },
    templates,
  );
}

async function finish(
  ctx: TurnContext,
  deps: HandlerDeps,
  c: StepContext,
  event: EventType,
  version: number,
  outcome: ReturnType<SlotFlow<StepDraft>['continue']>,
): Promise<void> {
  if (outcome.kind !== 'complete') return;
  // Kept to give back on a refusal the answers can cure (an amount above the limit): 修改 金额, not retype.
  const answered = ctx.state.flow;
  ctx.state.flow = null;
  const { templates } = deps;
  const spec = specFor(event)!;
  const result = await stepCase(
    ctx.db,
    {
      caseId: c.row.id,
      actor: actorOf(ctx.staff!),
      event: spec.build(outcome.draft, c),
      expectedVersion: version,
    },
    deps.steps.rules,
    deps.steps.effects,
    ctx.now,
  );
  if (!result.ok) {
    ctx.log.info({ caseId: c.row.id, event, code: result.code }, 'step refused');
    // The publicity's dates, stated as on the 公示 and in the digest (one statement of each date).
    const lastDay =
      result.code === 'publicity_not_over' ? await publicityLastDayOf(ctx.db, c.row.id) : undefined;
    const curable = CONFIRMED_STEPS.has(event) && !NOT_CURABLE_BY_ANSWERS.has(result.code);
    if (curable) ctx.state.flow = answered;
    ctx.reply('staff.step.refused', {
      caseId: c.row.id,
      event: templates.phrase('staff.events', event),
      reason: templates.phrase('staff.refusals', result.code),
      publicity: lastDay ? { lastDay, endableFrom: publicityEndableFrom(lastDay) } : undefined,
      curable,
    });
    return;
  }
  const after = await caseForStaff(ctx.db, ctx.staff!, c.row.id);
  ctx.reply(
    'staff.step.done',
    {
      caseId: c.row.id,
      event: templates.phrase('staff.events', event),
      step: templates.phrase('staff.states', result.to),
    },
    after ? stepChoices(templates, after, ctx.staff!) : [],
  );
  if (after) await sendDocumentsAfterStep(ctx, deps, after, event);
}

async function stepContext(
  ctx: TurnContext,
  deps: HandlerDeps,
  caseId: string,
): Promise<StepContext | undefined> {
  const staff = ctx.staff!;
  const row = await caseForStaff(ctx.db, staff, caseId);
  if (!row) return undefined;
  return stepContextOf(ctx.db, deps, staff, row, shanghaiDate(ctx.now));
}

function caseIdAsked(ctx: TurnContext): string | undefined {
  if (ctx.choice?.startsWith(CASE_KEY)) return ctx.choice.slice(CASE_KEY.length);
  const match = /^案件\s*([A-Za-z0-9-]{1,40})$/.exec(typedCommand(ctx));
  return match?.[1];
}

/** `身份证 <编号> <用途>`: the purpose is recorded with the read (absent: the caller asks for it). */
function piiAsked(ctx: TurnContext): { caseId: string; purpose: string | undefined } | undefined {
  const match = /^身份证\s*([A-Za-z0-9-]{1,40})(?:\s+(\S.{0,59}))?$/su.exec(typedCommand(ctx));
  if (!match) return undefined;
  // Kept in clear in pii_reads: an ID number or phone typed into the purpose is masked.
  const purpose = match[2] && maskText(match[2]).replace(/\s+/g, ' ').trim();
  return { caseId: match[1]!, purpose: purpose && purpose.length >= 2 ? purpose : undefined };
}

function stepAsked(
  ctx: TurnContext,
  byVerb: Map<string, EventType>,
): { event: EventType; caseId: string } | undefined {
  if (ctx.choice?.startsWith(STEP_KEY)) {
    const [event, caseId] = ctx.choice.slice(STEP_KEY.length).split(':');
    return event && caseId ? { event: event as EventType, caseId } : undefined;
  }
  // `受理 SQ…`, also typed without the space (`受理SQ…`): the longest step name the text starts with.
  const text = typedCommand(ctx);
  const verb = [...byVerb.keys()]
    .sort((a, b) => b.length - a.length)
    .find((v) => text.startsWith(v) && /^\s*[A-Za-z0-9-]{1,40}$/.test(text.slice(v.length)));
  return verb ? { event: byVerb.get(verb)!, caseId: text.slice(verb.length).trim() } : undefined;
}

export type { StaffMember };
