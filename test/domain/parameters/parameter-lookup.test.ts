import type { LocalDate } from '../../../src/domain/calendar/local-date';
import {
  lookupIn,
  ParameterDateError,
  parameterAt,
  traceOf,
} from '../../../src/domain/parameters/parameter-lookup';
import { tableOf } from './parameter-fixtures';

/** A date as the caller gives it: unchecked, so the lookup's own check is what is tested. */
const day = (text: string) => text as LocalDate;

const URBAN = 'dibao.urbanStandardMonthly';

describe('parameterAt', () => {
  const table = tableOf({
    [URBAN]: [
      ['2025-01-01', 62_000, '2025'],
      ['2024-01-01', 60_000, '2024'],
      ['2026-01-01', null, '2026-pending'],
    ],
  });

  it('returns the version in force on the day, whatever the order in the file', () => {
    expect(parameterAt(table, URBAN, day('2024-06-30'))).toMatchObject({
      status: 'set',
      value: 60_000,
      version: '2024',
      effectiveFrom: '2024-01-01',
      fileVersion: 'test-1',
      source: { document: 'test', clause: 'test' },
    });
    expect(parameterAt(table, URBAN, day('2025-06-30'))).toMatchObject({
      status: 'set',
      value: 62_000,
      version: '2025',
    });
  });

  it('switches on the effective day itself, not the day after', () => {
    expect(parameterAt(table, URBAN, day('2024-12-31'))).toMatchObject({ value: 60_000 });
    expect(parameterAt(table, URBAN, day('2025-01-01'))).toMatchObject({ value: 62_000 });
  });

  it('is unset before any entry takes effect', () => {
    expect(parameterAt(table, URBAN, day('2023-12-31'))).toMatchObject({
      status: 'unset',
      reason: 'not_yet_effective',
    });
  });

  it('is unset again from a later entry whose value is not confirmed, naming that entry', () => {
    expect(parameterAt(table, URBAN, day('2026-03-01'))).toMatchObject({
      status: 'unset',
      reason: 'unconfirmed',
      version: '2026-pending',
      effectiveFrom: '2026-01-01',
    });
  });

  it('is unset when the file does not list the parameter at all', () => {
    expect(parameterAt(table, 'dibao.ruralStandardMonthly', day('2025-06-30'))).toMatchObject({
      status: 'unset',
      reason: 'not_configured',
    });
  });

  it('throws a coded error for a date that is not YYYY-MM-DD', () => {
    expect(() => parameterAt(table, URBAN, day('2025-6-1'))).toThrow(ParameterDateError);
    expect(() => parameterAt(table, URBAN, day('2025-02-29'))).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    );
  });

  it('binds a table into a lookup and traces readings compactly', () => {
    const lookup = lookupIn(table);
    expect(traceOf(lookup(URBAN, day('2025-06-30')))).toEqual({
      name: URBAN,
      status: 'set',
      value: 62_000,
      version: '2025',
      effectiveFrom: '2025-01-01',
      fileVersion: 'test-1',
      reason: undefined,
    });
    expect(traceOf(lookup(URBAN, day('2026-06-30')))).toMatchObject({
      status: 'unset',
      value: null,
      reason: 'unconfirmed',
    });
  });
});
