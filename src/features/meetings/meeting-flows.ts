import { z } from 'zod';
import type { FlowDefinition } from '../../core/bot/slot-flow';
import { choiceSlot, fieldSlot } from '../../core/bot/slot-kinds';
import { maskText } from '../../core/privacy/mask';
import type { TemplateStore } from '../../core/templates/template-store';
import {
  parseAmountFen,
  parseCount,
  parseFreeText,
  parseReasons,
} from '../../domain/application/answer-parsers';
import { formatYuan } from '../../domain/money';
import { normaliseWidth } from '../../domain/text/typed-text';
import { MEETING_PHRASES, meetingWhen } from './meeting-cards';
import { agendaItemSchema } from './meeting-records';
import { parseMeetingTime, parseMonth } from './meeting-time';

const IDLE_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest meeting place kept (a room and a building). */
const MAX_PLACE = 60;
/** Largest amount a township decision can carry, in yuan (a slip of units rather than a real figure). */
const MAX_AMOUNT_YUAN = 1_000_000;

/** An earlier meeting a schedule touches, as the summary shows it (number, time, its cases). */
const touchedMeetingSchema = z.object({
  meetingId: z.number().int(),
  when: z.string(),
  cases: z.array(agendaItemSchema),
});
export type TouchedMeeting = z.infer<typeof touchedMeetingSchema>;

/**
 * 安排会议: when and where; the agenda and invitees are shown for confirmation, with the earlier
 * meetings the new one replaces and the cases a sitting meeting keeps.
 */
const scheduleDraftSchema = z.object({
  heldAt: z.iso.datetime().optional(),
  place: z.string().min(1).optional(),
  agenda: z.array(agendaItemSchema).default([]),
  invitees: z.number().int().min(0).default(0),
  minParticipants: z.number().int().min(1).default(5),
  replaced: z.array(touchedMeetingSchema).default([]),
  inSession: z.array(touchedMeetingSchema).default([]),
});
export type ScheduleDraft = z.infer<typeof scheduleDraftSchema>;

export const SCHEDULE_FLOW = 'meeting';
export const DECISION_FLOW = 'meeting-decision';

export function scheduleFlow(templates: TemplateStore, now: Date): FlowDefinition<ScheduleDraft> {
  return {
    name: SCHEDULE_FLOW,
    labels: 'staff.meeting.slots',
    idleMs: IDLE_MS,
    maxAgeMs: DAY_MS,
    slots: [
      fieldSlot<ScheduleDraft, 'heldAt'>({
        id: 'heldAt',
        prompt: () => ({ templateId: 'staff.meeting.ask-time' }),
        parse: (text) => {
          const parsed = parseMeetingTime(text, now);
          return parsed.ok ? { ok: true, value: parsed.value.toISOString() } : parsed;
        },
      }),
      fieldSlot<ScheduleDraft, 'place'>({
        id: 'place',
        prompt: () => ({ templateId: 'staff.meeting.ask-place' }),
        parse: (text) => {
          const parsed = parseFreeText(text);
          if (!parsed.ok) return parsed;
          return parsed.value.length > MAX_PLACE ? { ok: false, problem: 'meeting_place_invalid' } : parsed;
        },
      }),
    ],
    confirmation: (draft) => ({
      templateId: 'staff.meeting.summary',
      vars: {
        when: draft.heldAt ? meetingWhen(templates, new Date(draft.heldAt)) : '',
        place: draft.place ?? '',
        agenda: draft.agenda.map((item, i) => ({ n: i + 1, ...item })),
        invitees: draft.invitees,
        min: draft.minParticipants,
        short: draft.invitees < draft.minParticipants,
        replaced: draft.replaced,
        inSession: draft.inSession,
      },
    }),
    load: (data) => {
      const parsed = scheduleDraftSchema.safeParse(data);
      return parsed.success ? parsed.data : scheduleDraftSchema.parse({});
    },
    save: (draft) => ({ ...draft }),
  };
}

/** 决定 <案件编号>: the meeting's decision on one case, confirmed before it is recorded. */
const decisionDraftSchema = z.object({
  caseId: z.string().min(1),
  meetingId: z.number().int(),
  name: z.string(),
  program: z.enum(['dibao', 'tekun', 'linshi']),
  verdict: z.enum(['approve', 'reject']).optional(),
  amountFen: z.number().int().positive().optional(),
  householdSize: z.number().int().min(1).optional(),
  startMonth: z.string().optional(),
  reasons: z.array(z.string().min(1)).min(1).optional(),
});
export type DecisionDraft = z.infer<typeof decisionDraftSchema>;

export function readDecisionDraft(data: Record<string, unknown>): DecisionDraft | undefined {
  const parsed = decisionDraftSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

const REJECT_WORDS = /^(不予批准|不批准|不同意|驳回|拒绝|否决)/;
const APPROVE_WORDS = /^(批准|同意|通过)/;

function parseApprovalAmount(text: string): { ok: true; value: number } | { ok: false; problem: string } {
  const parsed = parseAmountFen(text, MAX_AMOUNT_YUAN);
  if (!parsed.ok)
    return parsed.problem === 'amount_too_large' ? parsed : { ok: false, problem: 'approval_amount_invalid' };
  return parsed.value > 0 ? parsed : { ok: false, problem: 'approval_amount_invalid' };
}

/**
 * What the caseworker typed after `决定 <编号>`, e.g. `批准 800`, `批准 800元 3人 2027-01` or
 * `不批准 家庭人均收入高于当地低保标准`: it fills the decision in advance; anything not understood
 * is simply asked, and the summary shows every value before it is recorded.
 */
export function prefillDecision(tail: string, now: Date): Partial<DecisionDraft> {
  const text = normaliseWidth(tail).trim();
  if (REJECT_WORDS.test(text)) {
    const rest = text.replace(REJECT_WORDS, '').replace(/^[\s:：,，]+/, '');
    const reasons = rest ? parseReasons(maskText(rest)) : undefined;
    return { verdict: 'reject', ...(reasons?.ok ? { reasons: reasons.value } : {}) };
  }
  if (!APPROVE_WORDS.test(text)) return {};
  const draft: Partial<DecisionDraft> = { verdict: 'approve' };
  for (const token of text
    .replace(APPROVE_WORDS, '')
    .split(/[\s,，、]+/)
    .filter(Boolean)) {
    const size = /^(\d{1,2})(人|口)$/.exec(token);
    if (size) {
      draft.householdSize = Number(size[1]);
      continue;
    }
    if (/[-/年]|月/.test(token)) {
      const month = parseMonth(token, now);
      if (month.ok) draft.startMonth = month.value;
      continue;
    }
    const amount = parseApprovalAmount(token);
    if (amount.ok) draft.amountFen = amount.value;
  }
  return draft;
}

export function decisionFlow(templates: TemplateStore, now: Date): FlowDefinition<DecisionDraft> {
  const approving = (d: DecisionDraft) => d.verdict === 'approve';
  return {
    name: DECISION_FLOW,
    labels: 'staff.meeting.decision-slots',
    idleMs: IDLE_MS,
    maxAgeMs: DAY_MS,
    slots: [
      choiceSlot<DecisionDraft, 'verdict'>({
        id: 'verdict',
        templateId: 'staff.meeting.ask-verdict',
        vars: (d) => ({ caseId: d.caseId, name: d.name }),
        options: () =>
          (['approve', 'reject'] as const).map((value) => ({
            value,
            label: templates.phrase(MEETING_PHRASES, `verdict-${value}`),
          })),
        read: (text) => {
          const word = normaliseWidth(text).trim();
          return REJECT_WORDS.test(word) ? 'reject' : APPROVE_WORDS.test(word) ? 'approve' : undefined;
        },
        dependents: ['amountFen', 'reasons'],
      }),
      fieldSlot<DecisionDraft, 'amountFen'>({
        id: 'amountFen',
        applies: approving,
        prompt: (d) => ({
          templateId: 'staff.meeting.ask-amount',
          vars: { monthly: d.program !== 'linshi' },
        }),
        parse: (text) => parseApprovalAmount(text),
      }),
      fieldSlot<DecisionDraft, 'householdSize'>({
        id: 'householdSize',
        applies: approving,
        prompt: () => ({ templateId: 'staff.meeting.ask-household-size' }),
        parse: (text) => {
          const parsed = parseCount(text, 1, 20);
          return parsed.ok ? parsed : { ok: false, problem: 'household_size_invalid' };
        },
      }),
      fieldSlot<DecisionDraft, 'startMonth'>({
        id: 'startMonth',
        applies: approving,
        prompt: () => ({ templateId: 'staff.meeting.ask-start-month' }),
        parse: (text) => parseMonth(text, now),
      }),
      fieldSlot<DecisionDraft, 'reasons'>({
        id: 'reasons',
        applies: (d) => d.verdict === 'reject',
        prompt: (d) => ({
          templateId: 'staff.meeting.ask-reasons',
          vars: { caseId: d.caseId, name: d.name },
        }),
        // Kept in clear (case_events, the 不予批准告知书): an ID number or phone typed in is masked.
        parse: (text) => parseReasons(maskText(text)),
      }),
    ],
    confirmation: (d) => ({
      templateId: 'staff.meeting.decision-summary',
      vars: {
        caseId: d.caseId,
        name: d.name,
        meetingId: d.meetingId,
        program: templates.phrase('chat.programs', d.program),
        approve: d.verdict === 'approve',
        monthly: d.program !== 'linshi',
        amount: d.amountFen !== undefined ? formatYuan(d.amountFen) : '',
        householdSize: d.householdSize ?? 0,
        startMonth: d.startMonth ?? '',
        reasons: d.reasons ?? [],
      },
    }),
    load: (data) => {
      const draft = readDecisionDraft(data);
      if (!draft) throw new Error('decision draft unreadable');
      return draft;
    },
    save: (draft) => ({ ...draft }),
  };
}
