import type { FlowDefinition, Slot } from '../../core/bot/slot-flow';
import { choiceSlot, fieldSlot, forget } from '../../core/bot/slot-kinds';
import type { Township } from '../../core/config/load-townships';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import { maskIdNumber, maskPhone } from '../../core/privacy/mask';
import { matchTownship } from '../../core/staff/township-directory';
import type { TemplateStore } from '../../core/templates/template-store';
import {
  MAX_FREE_TEXT,
  parseAmountFen,
  parseApplicationReason,
  parseCount,
  parseIdNumber,
  parseIncomeItems,
  parseMember,
  parseName,
  parseOptionNumbers,
  parsePhone,
  parsePlaceName,
  parseRequestedAmount,
  parseYesNo,
} from '../../domain/application/answer-parsers';
import {
  type ApplicationDraft,
  applicationDraftSchema,
  circumstanceOptions,
  monthlyIncomeFen,
} from '../../domain/application/application-draft';
import { formatYuan } from '../../domain/money';
import { normaliseWidth } from '../../domain/text/typed-text';

/** Longest a single amount may be (yuan): monthly income or savings beyond this is a typo. */
const MAX_MONTHLY_YUAN = 1_000_000;
const MAX_SAVINGS_YUAN = 100_000_000;
/** The most a 临时救助 request may name (yuan); beyond it is a typo, not a request. */
const MAX_REQUEST_YUAN = 1_000_000;
const MAX_MEMBERS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The application (六(一)) as a guided exchange: program, applicant, 户籍 township and village,
 * 人户分离, household members, income, assets, circumstances, the authorisation for economic
 * checks (授权核对) and the near-relative declaration (近亲属备案), then a summary to confirm.
 */
export function applicationFlow(
  templates: TemplateStore,
  cipher: PiiCipher,
  townships: readonly Township[],
): FlowDefinition<ApplicationDraft> {
  const slots: Slot<ApplicationDraft>[] = [
    ...programSlots(templates),
    ...applicantSlots(),
    ...residenceSlots(templates, townships),
    ...householdSlots(templates),
    ...declarationSlots(templates),
  ];

  return {
    name: 'apply',
    slots,
    labels: 'chat.apply.slots',
    idleMs: 30 * 60 * 1000,
    maxAgeMs: 30 * DAY_MS,
    load(data) {
      if (typeof data.sealed !== 'string') return {};
      const parsed = applicationDraftSchema.safeParse(JSON.parse(cipher.open(data.sealed)));
      return parsed.success ? parsed.data : {};
    },
    save: (draft) => ({ sealed: cipher.seal(JSON.stringify(draft)) }),
    confirmation: (d) => summaryOf(templates, townships, d),
  };
}

/** A yes/no question whose answer is stored under `id`. */
function yesNoSlot(
  templates: TemplateStore,
  id: keyof ApplicationDraft & string,
  templateId: string,
  dependents: (keyof ApplicationDraft)[] = [],
): Slot<ApplicationDraft> {
  return fieldSlot<ApplicationDraft, typeof id>({
    id,
    prompt: () => ({ templateId, choices: yesNoChoices(templates, id) }),
    parse: (text) => parseYesNo(text) as never,
    dependents,
  });
}

/** Which program, and for 临时救助 which kind (急难型 or 支出型). */
function programSlots(templates: TemplateStore): Slot<ApplicationDraft>[] {
  const programs = templates.phrases('chat.programs');
  return [
    choiceSlot<ApplicationDraft, 'program'>({
      id: 'program',
      templateId: 'chat.apply.program',
      options: () =>
        (['dibao', 'tekun', 'linshi'] as const).map((value) => ({ value, label: programs[value]! })),
      read: (text) =>
        /低保|最低生活/.test(text)
          ? 'dibao'
          : /特困|五保/.test(text)
            ? 'tekun'
            : /临时|救急|急难/.test(text)
              ? 'linshi'
              : undefined,
      dependents: ['temporaryAidKind', 'requestedFen', 'circumstances'],
    }),
    choiceSlot<ApplicationDraft, 'temporaryAidKind'>({
      id: 'temporaryAidKind',
      templateId: 'chat.apply.temporary-aid-kind',
      applies: (d) => d.program === 'linshi',
      options: () =>
        (['emergency', 'expenditure'] as const).map((value) => ({
          value,
          label: templates.phrase('chat.temporary-aid-kinds', value),
        })),
      read: (text) =>
        /急|火|车祸|事故|突发/.test(text)
          ? 'emergency'
          : /支出|医|学费|看病/.test(text)
            ? 'expenditure'
            : undefined,
      dependents: ['requestedFen', 'circumstances'],
    }),
  ];
}

/** The applicant as on the ID card, and a phone. */
function applicantSlots(): Slot<ApplicationDraft>[] {
  return [
    fieldSlot<ApplicationDraft, 'name'>({
      id: 'name',
      prompt: () => ({ templateId: 'chat.apply.name' }),
      parse: (text) => parseName(text),
    }),
    fieldSlot<ApplicationDraft, 'idNumber'>({
      id: 'idNumber',
      prompt: () => ({ templateId: 'chat.apply.id-number' }),
      parse: (text) => parseIdNumber(text),
    }),
    fieldSlot<ApplicationDraft, 'phone'>({
      id: 'phone',
      prompt: () => ({ templateId: 'chat.apply.phone' }),
      parse: (text) => parsePhone(text),
    }),
  ];
}

/** 户籍 township and village, and where the applicant lives when elsewhere (人户分离). */
function residenceSlots(templates: TemplateStore, townships: readonly Township[]): Slot<ApplicationDraft>[] {
  const yesNo = (
    id: keyof ApplicationDraft & string,
    templateId: string,
    dependents: (keyof ApplicationDraft)[] = [],
  ) => yesNoSlot(templates, id, templateId, dependents);
  const townshipPrompt = (templateId: string) => () => ({
    templateId,
    vars: { townships: townships.map((t, i) => ({ n: i + 1, name: t.name })) },
  });
  const readTownship = (text: string) => {
    const n = Number(normaliseWidth(text).trim());
    if (Number.isInteger(n) && n >= 1 && n <= townships.length) return townships[n - 1];
    return matchTownship(townships, text);
  };
  return [
    fieldSlot<ApplicationDraft, 'townshipId'>({
      id: 'townshipId',
      prompt: townshipPrompt('chat.apply.township'),
      parse: (text) => {
        const t = readTownship(text);
        return t ? { ok: true, value: t.id } : { ok: false, problem: 'township_unknown' };
      },
      dependents: ['residenceTownshipId'],
    }),
    fieldSlot<ApplicationDraft, 'village'>({
      id: 'village',
      prompt: () => ({ templateId: 'chat.apply.village' }),
      parse: (text) => parsePlaceName(text),
    }),
    yesNo('livesAtRegistered', 'chat.apply.lives-at-registered', ['residenceTownshipId']),
    fieldSlot<ApplicationDraft, 'residenceTownshipId'>({
      id: 'residenceTownshipId',
      applies: (d) => d.livesAtRegistered === false,
      prompt: townshipPrompt('chat.apply.residence-township'),
      parse: (text, d) => {
        const t = readTownship(text);
        if (!t) return { ok: false, problem: 'township_unknown' };
        if (t.id === d.townshipId) return { ok: false, problem: 'residence_same_township' };
        return { ok: true, value: t.id };
      },
    }),
  ];
}

/** The household, its income and its assets. */
function householdSlots(templates: TemplateStore): Slot<ApplicationDraft>[] {
  const yesNo = (id: keyof ApplicationDraft & string, templateId: string) =>
    yesNoSlot(templates, id, templateId);
  return [
    fieldSlot<ApplicationDraft, 'memberCount'>({
      id: 'memberCount',
      prompt: () => ({ templateId: 'chat.apply.member-count' }),
      parse: (text) => parseCount(text, 0, MAX_MEMBERS),
      echo: (n) => ({ value: String(n), unit: 'people' }),
      dependents: ['members'],
    }),
    membersSlot(),
    fieldSlot<ApplicationDraft, 'incomeItems'>({
      id: 'incomeItems',
      prompt: () => ({ templateId: 'chat.apply.income' }),
      parse: (text) => parseIncomeItems(text, MAX_MONTHLY_YUAN),
    }),
    fieldSlot<ApplicationDraft, 'savingsFen'>({
      id: 'savingsFen',
      prompt: () => ({ templateId: 'chat.apply.savings' }),
      parse: (text) => parseAmountFen(text, MAX_SAVINGS_YUAN),
      echo: (fen) => ({ value: formatYuan(fen), unit: 'yuan' }),
    }),
    yesNo('hasVehicle', 'chat.apply.vehicle'),
    fieldSlot<ApplicationDraft, 'housingUnits'>({
      id: 'housingUnits',
      prompt: () => ({ templateId: 'chat.apply.housing' }),
      parse: (text) => parseCount(text, 0, 50),
      echo: (n) => ({ value: String(n), unit: 'housing' }),
    }),
  ];
}

/**
 * Why the household applies (申请理由), for 临时救助 the sum needed, circumstances, the
 * authorisation for economic checks (授权核对) and the near-relative declaration.
 */
function declarationSlots(templates: TemplateStore): Slot<ApplicationDraft>[] {
  const yesNo = (id: keyof ApplicationDraft & string, templateId: string) =>
    yesNoSlot(templates, id, templateId);
  return [
    fieldSlot<ApplicationDraft, 'reason'>({
      id: 'reason',
      prompt: (d) => ({
        templateId: 'chat.apply.reason',
        vars: { emergency: d.temporaryAidKind === 'emergency' },
      }),
      parse: (text) => parseApplicationReason(text),
    }),
    fieldSlot<ApplicationDraft, 'requestedFen'>({
      id: 'requestedFen',
      applies: (d) => d.program === 'linshi',
      prompt: () => ({ templateId: 'chat.apply.requested-amount' }),
      parse: (text) => parseRequestedAmount(text, MAX_REQUEST_YUAN),
    }),
    fieldSlot<ApplicationDraft, 'circumstances'>({
      id: 'circumstances',
      prompt: (d) => ({
        templateId: 'chat.apply.circumstances',
        vars: {
          options: circumstanceOptions(d).map((c, i) => ({
            n: i + 1,
            label: templates.phrase('chat.circumstances', c),
          })),
        },
      }),
      parse: (text, d) => {
        const options = circumstanceOptions(d);
        const picked = parseOptionNumbers(text, options.length);
        return picked.ok ? { ok: true, value: picked.value.map((n) => options[n - 1]!) } : picked;
      },
    }),
    fieldSlot<ApplicationDraft, 'consent'>({
      id: 'consent',
      prompt: () => ({ templateId: 'chat.apply.consent', choices: yesNoChoices(templates, 'consent') }),
      parse: (text) => {
        const answer = parseYesNo(text);
        if (!answer.ok) return answer;
        // 六(一): the application must carry the authorisation; without it there is nothing to check.
        return answer.value ? { ok: true, value: true as const } : { ok: false, problem: 'consent_required' };
      },
    }),
    yesNo('nearRelative', 'chat.apply.near-relative'),
  ];
}

/** The summary the resident confirms: identifiers masked, amounts in yuan. */
function summaryOf(templates: TemplateStore, townships: readonly Township[], d: ApplicationDraft) {
  const programs = templates.phrases('chat.programs');
  return {
    templateId: 'chat.apply.summary',
    vars: {
      program: d.program ? programs[d.program] : '',
      kind: d.temporaryAidKind ? templates.phrase('chat.temporary-aid-kinds', d.temporaryAidKind) : '',
      name: d.name,
      idNumber: d.idNumber ? maskIdNumber(d.idNumber) : '',
      phone: d.phone ? maskPhone(d.phone) : '',
      township: townships.find((t) => t.id === d.townshipId)?.name ?? '',
      village: d.village,
      residenceTownship: townships.find((t) => t.id === d.residenceTownshipId)?.name ?? '',
      members: (d.members ?? []).map((m) => ({ ...m, idNumber: maskIdNumber(m.idNumber) })),
      householdSize: (d.members ?? []).length + 1,
      income: formatYuan(monthlyIncomeFen(d)),
      incomeItems: (d.incomeItems ?? []).map((i) => ({ label: i.label, amount: formatYuan(i.fen) })),
      savings: formatYuan(d.savingsFen ?? 0),
      vehicle: d.hasVehicle === true,
      housingUnits: d.housingUnits ?? 0,
      reason: d.reason ?? '',
      isLinshi: d.program === 'linshi',
      requested: d.requestedFen ? formatYuan(d.requestedFen) : '',
      circumstances: (d.circumstances ?? []).map((c) => templates.phrase('chat.circumstances', c)),
      nearRelative: d.nearRelative === true,
    },
  };
}

/** Members one per message, until as many as the resident said; 修改 starts the list again. */
function membersSlot(): Slot<ApplicationDraft> {
  return {
    id: 'members',
    applies: (d) => (d.memberCount ?? 0) > 0,
    isAnswered: (d) => (d.members ?? []).length >= (d.memberCount ?? 0),
    prompt: (d) => ({
      templateId: 'chat.apply.member',
      vars: { n: (d.members ?? []).length + 1, total: d.memberCount ?? 0 },
    }),
    accept(input, d) {
      const member = parseMember(input.text.slice(0, MAX_FREE_TEXT + 1));
      if (!member.ok) return member;
      const ids = [d.idNumber, ...(d.members ?? []).map((m) => m.idNumber)];
      if (ids.includes(member.value.idNumber)) return { ok: false, problem: 'member_repeated' };
      return { ok: true, draft: { ...d, members: [...(d.members ?? []), member.value] } };
    },
    clear: (d) => forget(d, ['members']),
  };
}

function yesNoChoices(templates: TemplateStore, slotId: string) {
  return [
    { key: `ans:${slotId}:yes`, label: templates.phrase('chat.flow', 'yes') },
    { key: `ans:${slotId}:no`, label: templates.phrase('chat.flow', 'no') },
  ];
}
