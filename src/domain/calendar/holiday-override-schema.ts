import { z } from 'zod';
import {
  addCalendarDays,
  compareLocalDates,
  isLocalDate,
  isWeekend,
  type LocalDate,
  yearOf,
} from './local-date';

/**
 * The format of `config/holidays/<year>.json`: one year of the State Council holiday schedule
 * (国务院办公厅关于<year>年部分节假日安排的通知), typed in by hand when `chinese-days` does not have
 * it yet. A file is the complete schedule of its year and replaces the package's data for that
 * year (see config/holidays/README.md).
 */

const localDateSchema = z
  .string()
  .refine(isLocalDate, { message: "expected a calendar date 'YYYY-MM-DD'" })
  .transform((value) => value as LocalDate);

const holidaySpanSchema = z
  .object({
    /** The festival, as the notice names it (e.g. 春节). */
    name: z.string().trim().min(1),
    from: localDateSchema,
    /** Last day off, inclusive; omitted for a one-day holiday. */
    to: localDateSchema.optional(),
  })
  .strict()
  .refine((span) => span.to === undefined || compareLocalDates(span.from, span.to) <= 0, {
    message: '`to` must not be before `from`',
  });

const makeUpWorkdaySchema = z
  .object({
    date: localDateSchema,
    /** The festival the make-up day belongs to (调休上班). */
    name: z.string().trim().min(1),
  })
  .strict();

const sourceSchema = z
  .object({
    /** Title of the official notice. */
    title: z.string().trim().min(1),
    /** Its document number, e.g. 国办发明电〔2024〕12号. */
    reference: z.string().trim().min(1),
    url: z.url().optional(),
    publishedOn: localDateSchema.optional(),
  })
  .strict();

/** Validates one override file, including that every date belongs to its year. */
export const holidayOverrideFileSchema = z
  .object({
    year: z.number().int().min(1900).max(2999),
    /** Bumped by hand whenever the file is edited, so a stored deadline names what it used. */
    version: z.number().int().positive(),
    source: sourceSchema,
    holidays: z.array(holidaySpanSchema),
    makeUpWorkdays: z.array(makeUpWorkdaySchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const holidayDates = new Set<LocalDate>();
    for (const span of file.holidays) {
      // Zod may run this refinement after a field already failed; never expand a bad span.
      if (!isLocalDate(span.from) || (span.to !== undefined && !isLocalDate(span.to))) continue;
      for (const date of expandSpan(span.from, span.to)) {
        if (yearOf(date) !== file.year)
          ctx.addIssue({ code: 'custom', message: `${date} is not in ${file.year}` });
        if (holidayDates.has(date)) ctx.addIssue({ code: 'custom', message: `${date} is listed twice` });
        holidayDates.add(date);
      }
    }
    const makeUpDates = new Set<LocalDate>();
    for (const { date } of file.makeUpWorkdays) {
      if (!isLocalDate(date)) continue;
      if (yearOf(date) !== file.year)
        ctx.addIssue({ code: 'custom', message: `${date} is not in ${file.year}` });
      if (makeUpDates.has(date)) ctx.addIssue({ code: 'custom', message: `${date} is listed twice` });
      if (holidayDates.has(date)) {
        ctx.addIssue({ code: 'custom', message: `${date} is both a holiday and a make-up working day` });
      }
      // A make-up working day (调休上班) is by definition a Saturday or Sunday worked.
      if (!isWeekend(date))
        ctx.addIssue({ code: 'custom', message: `${date} is a make-up day but not a weekend` });
      makeUpDates.add(date);
    }
  });

/** One parsed override file. */
export type HolidayOverrideFile = z.infer<typeof holidayOverrideFileSchema>;

/** Every date of a holiday span, `to` inclusive. */
export function expandSpan(from: LocalDate, to: LocalDate | undefined): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = from; compareLocalDates(d, to ?? from) <= 0; d = addCalendarDays(d, 1)) dates.push(d);
  return dates;
}
