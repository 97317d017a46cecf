import type { LocalDate } from '../../domain/calendar';
import { formatYuan } from '../../domain/money';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import type { StandardParameter } from '../../domain/parameters/standard-amendment';
import type { Passage } from './passage';

/** A standard in force, as an answer adds it: the figure, its date and its source. */
export interface PassageFigure {
  name: StandardParameter;
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
