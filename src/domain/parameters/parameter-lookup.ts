import { isLocalDate, type LocalDate } from '../calendar/local-date';
import type { ParameterSource, ParameterTable } from './parameter-file';
import type { ParameterName, ParameterUnit } from './parameter-names';

/**
 * Reads a local policy number as it stood on a given day. There is no default anywhere: a number
 * that is unconfirmed, not yet in force or missing from the file comes back as `unset`, and a rule
 * that needs it must refuse to judge (docs/domain.md §19).
 */

/** A value in force on the asked day, with what is needed to explain a decision later. */
export interface ParameterSet {
  status: 'set';
  name: ParameterName;
  value: number;
  unit: ParameterUnit;
  version: string;
  effectiveFrom: LocalDate;
  source: ParameterSource;
  fileVersion: string;
}

/**
 * Why no value can be used: `unconfirmed` (the entry in force has value null),
 * `not_yet_effective` (every entry starts after the day asked), `not_configured` (no entry at all).
 */
export type UnsetReason = 'unconfirmed' | 'not_yet_effective' | 'not_configured';

export interface ParameterUnset {
  status: 'unset';
  name: ParameterName;
  reason: UnsetReason;
  /** The entry in force when the reason is `unconfirmed`. */
  version: string | undefined;
  effectiveFrom: LocalDate | undefined;
  source: ParameterSource | undefined;
  fileVersion: string;
}

export type ParameterReading = ParameterSet | ParameterUnset;

/** How rules read parameters; injected so a test can pin the numbers in force. */
export type ParameterLookup = (name: ParameterName, date: LocalDate) => ParameterReading;

/** Thrown only for a programming error: a date that is not `YYYY-MM-DD`. */
export class ParameterDateError extends Error {
  readonly code = 'invalid_date';
  constructor(readonly date: string) {
    super(`not a calendar date (YYYY-MM-DD): ${date}`);
    this.name = 'ParameterDateError';
  }
}

/**
 * The entry of `name` in force on `date`: the one with the latest `effectiveFrom` not after
 * `date`. A later entry with value null makes the parameter unset again from its date (e.g. a new
 * year whose standard is not yet published).
 */
export function parameterAt(table: ParameterTable, name: ParameterName, date: LocalDate): ParameterReading {
  if (!isLocalDate(date)) throw new ParameterDateError(date);
  const parameter = table.parameters.get(name);
  const unset = (reason: UnsetReason): ParameterUnset => ({
    status: 'unset',
    name,
    reason,
    version: undefined,
    effectiveFrom: undefined,
    source: undefined,
    fileVersion: table.fileVersion,
  });
  if (!parameter) return unset('not_configured');
  const inForce = parameter.entries.filter((e) => e.effectiveFrom <= date).at(-1);
  if (!inForce) return unset('not_yet_effective');
  const common = {
    name,
    version: inForce.version,
    effectiveFrom: inForce.effectiveFrom,
    source: inForce.source,
    fileVersion: table.fileVersion,
  };
  if (inForce.value === null) return { status: 'unset', reason: 'unconfirmed', ...common };
  return { status: 'set', value: inForce.value, unit: parameter.unit, ...common };
}

/** A lookup bound to one table, the form rules take. */
export function lookupIn(table: ParameterTable): ParameterLookup {
  return (name, date) => parameterAt(table, name, date);
}

/** What a decision stores about each parameter it read, so it can be explained later. */
export interface ParameterTrace {
  name: ParameterName;
  status: 'set' | 'unset';
  value: number | null;
  version: string | undefined;
  effectiveFrom: LocalDate | undefined;
  fileVersion: string;
  reason: UnsetReason | undefined;
}

/** The compact record of a reading, for storing with a decision. */
export function traceOf(reading: ParameterReading): ParameterTrace {
  return {
    name: reading.name,
    status: reading.status,
    value: reading.status === 'set' ? reading.value : null,
    version: reading.version,
    effectiveFrom: reading.effectiveFrom,
    fileVersion: reading.fileVersion,
    reason: reading.status === 'unset' ? reading.reason : undefined,
  };
}
