/**
 * Which notice each `notice.*` effect of the transition table produces, as a typed map: adding a
 * notice effect to the table without saying here what it sends fails to compile. Each entry is a
 * pure function of the step (event, case, township), so what a notice says is tested without a
 * database; case-notices.ts archives and sends what they return.
 */
import { toLocalDate } from '../../domain/calendar';
import { publicityPeriod } from '../../domain/deadlines';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { MATERIALS_CATALOGUE_VERSION } from '../../domain/materials/checklist';
import { formatYuan } from '../../domain/money';
import type { Effect } from '../../domain/workflow/transition-table';
import type { WorkflowEvent } from '../../domain/workflow/workflow-events';
import type { Township } from '../config/load-townships';
import type { CaseRow } from './case-records';

export type NoticeEffect = Extract<Effect, `notice.${string}`>;

export interface NoticeSpec {
  /** `case_notices.kind`: what the archive check and the documents look for. */
  kind: string;
  templateId: string;
  vars: Record<string, unknown>;
  payload: Record<string, unknown>;
  /**
   * Who gets it besides the archive: the applicant (and a 代为申请 submitter); `village` also posts
   * it in the village (公示, 四(三)); `residence-township` asks the township of residence (人户分离).
   */
  audience: 'applicant' | 'village' | 'residence-township';
  /** The written notice discharges the duty timed by this timer when it reaches the applicant. */
  closesTimer?: 'rejection-notice';
}

export interface NoticeInput {
  row: CaseRow;
  event: WorkflowEvent;
  office: Township;
  /** The program's name (低保, 特困供养, 临时救助) from the templates. */
  programName: string;
  publicityDays: number;
  /** For the 公示: the latest eligible review's proposed amount and the village it named. */
  proposal?: { amountFen: number; village: string | undefined } | undefined;
}

type NoticeBuilder = (input: NoticeInput) => NoticeSpec | undefined;

const base = ({ row, office, programName }: NoticeInput) => ({
  caseId: row.id,
  name: row.applicantName,
  township: office.name,
  program: programName,
});

export const NOTICE_SPECS: Record<NoticeEffect, NoticeBuilder> = {
  // 六(一): 受理通知.
  'notice.acceptance': (input) => ({
    kind: 'acceptance',
    templateId: 'notice.acceptance',
    vars: { ...base(input), acceptedOn: input.row.acceptedOn ?? '' },
    payload: {},
    audience: 'applicant',
  }),
  // 六(一): 补正材料一次性告知书, every missing item at once.
  'notice.materials': (input) => {
    const { event } = input;
    if (event.type !== 'request_materials') return undefined;
    return {
      kind: 'materials',
      templateId: 'notice.materials-one-time',
      vars: {
        ...base(input),
        items: event.items.map((id, i) => ({
          n: i + 1,
          name: MATERIALS[id].name,
          purpose: MATERIALS[id].purpose,
        })),
      },
      payload: { items: event.items, catalogueVersion: MATERIALS_CATALOGUE_VERSION },
      audience: 'applicant',
    };
  },
  // 六(一): an application that cannot be accepted is refused in writing, with reasons.
  'notice.not-accepted': (input) => {
    const { event } = input;
    if (event.type !== 'refuse_acceptance') return undefined;
    return {
      kind: 'not_accepted',
      templateId: 'notice.not-accepted',
      vars: { ...base(input), reasons: event.reasons },
      payload: { reasons: event.reasons },
      audience: 'applicant',
    };
  },
  // 六(三): the 公示 shows only name, household size, the village, the proposed amount, program,
  // dates and the supervision phone — never identifiers, income, assets, illness or an address
  // below the village (民发〔2021〕57号 第二十四条; docs/domain.md §10).
  'notice.publicity': (input) => {
    const { event, row, office, publicityDays, proposal } = input;
    if (event.type !== 'start_publicity') return undefined;
    return {
      kind: 'publicity',
      templateId: 'notice.publicity',
      vars: {
        name: row.applicantName,
        householdSize: row.householdSize,
        village: proposal?.village ?? '',
        amount: proposal === undefined ? '' : formatYuan(proposal.amountFen),
        monthly: row.program !== 'linshi',
        program: input.programName,
        startsOn: event.startsOn,
        endsOn: publicityPeriod(toLocalDate(event.startsOn), publicityDays).lastDay,
        days: publicityDays,
        township: office.name,
        supervisionPhone: office.supervisionPhone ?? '',
      },
      payload: { startsOn: event.startsOn, village: proposal?.village, amountFen: proposal?.amountFen },
      audience: 'village',
    };
  },
  'notice.approval': (input) => {
    const { event, row } = input;
    if (event.type !== 'decide_approve' && event.type !== 'decide_adjust') return undefined;
    return {
      kind: 'approval',
      templateId: 'notice.approval',
      vars: {
        ...base(input),
        amount: formatYuan(event.amountFen),
        monthly: row.program !== 'linshi',
        startMonth: event.startMonth,
      },
      payload: { amountFen: event.amountFen, startMonth: event.startMonth },
      audience: 'applicant',
    };
  },
  // 先行救助 (2018 临时救助意见 二(二); 六(五) 紧急程序): the aid is paid now, not from next month, with
  // the 急难事由 registered; no 公示 comes first. The records follow (补办).
  'notice.advance-aid': (input) => {
    const { event } = input;
    if (event.type !== 'advance_aid') return undefined;
    return {
      kind: 'advance_aid',
      templateId: 'notice.advance-aid',
      vars: {
        ...base(input),
        amount: formatYuan(event.amountFen),
        householdSize: event.householdSize,
        reason: event.reason,
      },
      payload: { amountFen: event.amountFen, householdSize: event.householdSize, reason: event.reason },
      audience: 'applicant',
    };
  },
  // 六(三): 不予批准告知书 with reasons, within 3 working days of the decision.
  'notice.rejection': (input) => {
    const { event } = input;
    if (event.type !== 'decide_reject' && event.type !== 'review_ineligible') return undefined;
    return {
      kind: 'rejection',
      templateId: 'notice.rejection',
      vars: { ...base(input), reasons: event.reasons },
      payload: { reasons: event.reasons },
      audience: 'applicant',
      closesTimer: 'rejection-notice',
    };
  },
  // 七: 停保/调整告知书.
  'notice.change': (input) => {
    const { event } = input;
    if (event.type !== 'decide_adjust' && event.type !== 'decide_stop') return undefined;
    return {
      kind: 'change',
      templateId: 'notice.change',
      vars: {
        ...base(input),
        stop: event.type === 'decide_stop',
        amount: event.type === 'decide_adjust' ? formatYuan(event.amountFen) : '',
        fromMonth: event.type === 'decide_adjust' ? event.startMonth : event.lastMonth,
        reasons: event.reasons,
      },
      payload: { type: event.type, reasons: event.reasons },
      audience: 'applicant',
    };
  },
  // 六(一) 人户分离: the township of 户籍 asks the township of residence to investigate; the
  // letter (函) is paper, recorded by its reference; the residence township's caseworkers are told.
  'notice.residence-request': (input) => {
    const { event, row } = input;
    if (event.type !== 'request_residence_investigation' || !row.residenceTownshipId) return undefined;
    return {
      kind: 'residence_request',
      templateId: 'notice.residence-request',
      vars: { ...base(input), letterRef: event.letterRef },
      payload: { letterRef: event.letterRef, residenceTownshipId: row.residenceTownshipId },
      audience: 'residence-township',
    };
  },
  // The bureau's own decision (Jilin rule: 县级直接确认, 不公示): only the applicant is told.
  'notice.bureau-approval': (input) => {
    const { event, row } = input;
    if (event.type !== 'bureau_decide_approve') return undefined;
    return {
      kind: 'approval',
      templateId: 'notice.bureau-approval',
      vars: {
        ...base(input),
        amount: formatYuan(event.amountFen),
        monthly: row.program !== 'linshi',
        startMonth: event.startMonth,
      },
      payload: { amountFen: event.amountFen, startMonth: event.startMonth, decidedBy: 'bureau' },
      audience: 'applicant',
    };
  },
  'notice.bureau-rejection': (input) => {
    const { event } = input;
    if (event.type !== 'bureau_decide_reject') return undefined;
    return {
      kind: 'rejection',
      templateId: 'notice.bureau-rejection',
      vars: { ...base(input), reasons: event.reasons },
      payload: { reasons: event.reasons, decidedBy: 'bureau' },
      audience: 'applicant',
    };
  },
};

export function isNoticeEffect(effect: Effect): effect is NoticeEffect {
  return effect in NOTICE_SPECS;
}
