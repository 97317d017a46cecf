/**
 * The working-day calendar of the domain: dates in Asia/Shanghai, the State Council holiday
 * schedule with make-up working days, local override files, and working-day arithmetic.
 */
export { type HolidayOverrideFile, holidayOverrideFileSchema } from './holiday-override-schema';
export {
  addCalendarDays,
  compareLocalDates,
  type DayOfWeek,
  dayOfWeek,
  isLocalDate,
  isWeekend,
  type LocalDate,
  type ShanghaiParts,
  shanghaiDate,
  shanghaiParts,
  toLocalDate,
  yearOf,
} from './local-date';
export { CHINESE_DAYS_VERSION } from './official-schedule';
export {
  addWorkingDays,
  combineMarks,
  isWorkingDay,
  nextWorkingDay,
  type ProvisionalMark,
  subtractWorkingDays,
  type WorkingDayCount,
  type WorkingDayResult,
  workingDaysBetween,
} from './working-day-arithmetic';
export {
  createWorkingDayCalendar,
  type DayInfo,
  type DayKind,
  type DaySource,
  type WorkingDayCalendar,
} from './working-day-calendar';
