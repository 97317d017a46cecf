import { z } from 'zod';
import { type Citation, PROGRAM_CODES, type ProgramCode } from './deadline-types';

/**
 * The deadline rules as data. Every number is configuration with the notice's value as default
 * (docs/domain.md §19: local rules change), validated here, and carries its source. A changed value must
 * come with a new `version`, which every timer records.
 */

/** 舒政办发〔2023〕9号, the notice that delegates the authority. */
const SHULAN = '舒政办发〔2023〕9号';
/** 民政部《最低生活保障审核确认办法》. */
const DIBAO_MEASURES = '民发〔2021〕57号《最低生活保障审核确认办法》';
/** 民政部《特困人员认定办法》. */
const TEKUN_MEASURES = '民发〔2021〕43号《特困人员认定办法》';
const JILIN_DIBAO = '《吉林省最低生活保障管理办法》';
const NATIONAL_2022 = '民政部等《关于进一步做好最低生活保障等社会救助兜底工作的通知》(2022)';
const TEMPORARY_AID_2018 = '民政部 财政部《关于进一步加强和改进临时救助工作的意见》(2018)';

/** The counting rule of every working-day period (see calendar/working-day-arithmetic.ts). */
export const COUNTING_RULE_CITATION: Citation = {
  document: '《中华人民共和国民法典》',
  clause: '第二百零一条第二款',
};

const programSchema = z.enum(PROGRAM_CODES as [ProgramCode, ...ProgramCode[]]);
const daysSchema = z.number().int().positive();
const warningsSchema = z
  .array(daysSchema)
  .refine((list) => new Set(list).size === list.length, { message: 'warning offsets must be distinct' });
const citationSchema = z.object({ document: z.string().min(1), clause: z.string().min(1) });
const perProgramSchema = z.object({ dibao: daysSchema, tekun: daysSchema, linshi: daysSchema });

const workingDayRuleSchema = z.object({
  days: daysSchema,
  programs: z.array(programSchema),
  warningWorkingDaysBefore: warningsSchema,
  citations: z.array(citationSchema).min(1),
});

/** Validates a rule set, e.g. one loaded from configuration. */
export const deadlineRulesSchema = z.object({
  version: z.string().min(1),
  decision: z
    .object({
      days: perProgramSchema,
      maxDays: perProgramSchema,
      warningWorkingDaysBefore: warningsSchema,
      citations: z.array(citationSchema).min(1),
    })
    .refine((d) => PROGRAM_CODES.every((p) => d.maxDays[p] >= d.days[p]), {
      message: 'the maximum may not be shorter than the normal period',
    }),
  investigation: workingDayRuleSchema,
  rejectionNotice: workingDayRuleSchema,
  publicity: z.object({
    calendarDays: daysSchema,
    programs: z.array(programSchema),
    warningWorkingDaysBefore: warningsSchema,
    citations: z.array(citationSchema).min(1),
  }),
  internalTarget: workingDayRuleSchema.extend({ enabled: z.boolean() }),
  advanceRecords: workingDayRuleSchema,
});

/** A validated rule set. */
export type DeadlineRules = z.infer<typeof deadlineRulesSchema>;

/** Alerts at 5, 3 and 1 working days before a due date (those falling after the anchor). */
const STANDARD_WARNINGS = [5, 3, 1];

/** The rules of the Shulan notice and the national rules behind it (docs/domain.md §14). */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = deadlineRulesSchema.parse({
  version: 'shulan-2023-9/deadlines-v2',
  decision: {
    // 六 (last paragraph): 30 working days from acceptance; special circumstances up to 45
    // (低保, 特困) or 60 (临时救助) working days in all.
    days: { dibao: 30, tekun: 30, linshi: 30 },
    maxDays: { dibao: 45, tekun: 45, linshi: 60 },
    warningWorkingDaysBefore: STANDARD_WARNINGS,
    citations: [{ document: SHULAN, clause: '六 (last paragraph)' }, COUNTING_RULE_CITATION],
  },
  investigation: {
    // Household economic investigation starts within 3 working days of acceptance.
    days: 3,
    programs: PROGRAM_CODES,
    warningWorkingDaysBefore: STANDARD_WARNINGS,
    citations: [
      { document: DIBAO_MEASURES, clause: '第十五条' },
      { document: JILIN_DIBAO, clause: '第十八条' },
      { document: SHULAN, clause: '六(二)' },
    ],
  },
  rejectionNotice: {
    // A rejection is notified in writing, with reasons, within 3 working days of the decision.
    days: 3,
    programs: PROGRAM_CODES,
    warningWorkingDaysBefore: STANDARD_WARNINGS,
    citations: [
      { document: DIBAO_MEASURES, clause: '第二十一条' },
      { document: TEKUN_MEASURES, clause: '第十八条' },
      { document: SHULAN, clause: '六(三)' },
    ],
  },
  publicity: {
    // 六(三): publicity in the applicant's village/community for 7 days (calendar days).
    calendarDays: 7,
    programs: PROGRAM_CODES,
    warningWorkingDaysBefore: [],
    citations: [
      { document: SHULAN, clause: '六(三)' },
      { document: DIBAO_MEASURES, clause: '第十九条' },
    ],
  },
  internalTarget: {
    // National 2022 notice 四(一): townships holding the authority decide within 20 working
    // days. Shulan's own limit is 30, so this is only an earlier internal line.
    enabled: true,
    days: 20,
    programs: ['dibao', 'tekun'],
    warningWorkingDaysBefore: STANDARD_WARNINGS,
    citations: [{ document: NATIONAL_2022, clause: '四(一)' }],
  },
  advanceRecords: {
    // 先行救助: the records (registration, investigation, signatures) are completed after the aid is
    // paid (2018 意见 二(二): 急难情况缓解后…补齐经办人员签字、盖章手续). Neither that opinion nor the
    // notice gives a figure for 补齐, so the notice's own limit for deciding 临时救助 — 30 working
    // days (六, last paragraph) — is applied, counted from the day of the aid. Unconfirmed for
    // Shulan (docs/domain.md §3); mirrored by `deadline.advanceRecordsWorkingDays` in
    // config/parameters.json, which a test keeps equal.
    days: 30,
    programs: ['linshi'],
    warningWorkingDaysBefore: STANDARD_WARNINGS,
    citations: [
      { document: TEMPORARY_AID_2018, clause: '二(二)' },
      { document: SHULAN, clause: '六(五); 六 (last paragraph)' },
    ],
  },
});
