import type { LocalDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import type { ParameterTable } from '../../domain/parameters/parameter-file';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import type { ParameterName } from '../../domain/parameters/parameter-names';
import type { Passage } from './passage';

/** A standard in force, as an answer adds it: the figure, its date and its source. */
export interface PassageFigure {
  name: ParameterName;
  yuan: string;
  /** Per person and month (低保 standards), else per person. */
  perMonth: boolean;
  from: LocalDate;
  source: string;
}

/**
 * The figures of a passage the bureau has set and that are in force on `date` (舒兰's 低保
 * standard, once published and entered with `npm run admin -- standard set`). Unconfirmed or
 * not-yet-effective ones are left out: the passage's text already says who publishes them.
 */
export function figuresInForce(passage: Passage, lookup: ParameterLookup, date: LocalDate): PassageFigure[] {
  return passage.figures.flatMap((name) => {
    const reading = lookup(name, date);
    if (reading.status !== 'set') return [];
    return [
      {
        name,
        yuan: formatYuan(reading.value),
        perMonth: reading.unit === 'fen_per_person_per_month',
        from: reading.effectiveFrom,
        source: reading.source.document,
      },
    ];
  });
}

/**
 * The passages as the running service answers with them: one whose figures the bureau has set
 * (any version with a value) also states an amount, so 低保一个月给多少钱 is answered with it
 * rather than offered as a choice. Read once at start-up, as the parameters are.
 */
export function withConfiguredFigures(passages: readonly Passage[], table: ParameterTable): Passage[] {
  const configured = (name: ParameterName) =>
    table.parameters.get(name)?.entries.some((e) => e.value !== null) ?? false;
  return passages.map((p) =>
    p.figures.some(configured) && !p.states.includes('amount')
      ? { ...p, states: [...p.states, 'amount'] }
      : p,
  );
}
