import type { LocalDate } from '../../../src/domain/calendar/local-date';
import { DEFAULT_DEADLINE_RULES } from '../../../src/domain/deadlines';
import { parseParameterFile } from '../../../src/domain/parameters/parameter-file';
import { parameterAt } from '../../../src/domain/parameters/parameter-lookup';
import { PARAMETER_NAMES, type ParameterName } from '../../../src/domain/parameters/parameter-names';
import { shippedFile, shippedTable } from './parameter-fixtures';

/** A date as the caller gives it: unchecked, so the lookup's own check is what is tested. */
const day = (text: string) => text as LocalDate;

const TODAY = '2026-10-20';

describe('config/parameters.json', () => {
  const table = shippedTable();

  it('lists every parameter the software knows', () => {
    expect([...table.parameters.keys()].sort()).toEqual([...PARAMETER_NAMES].sort());
  });

  it.each<[ParameterName, number]>([
    ['linshi.emergencyTownshipLimitPerPerson', 100_000], // 三(四): 1000 yuan, in fen
    ['linshi.expenditureTownshipLimitMonths', 6], // 三(四)
    ['dibao.edgeIncomeMultiplier', 1.5],
    ['procedure.publicityCalendarDays', 7], // 六(三)
    ['procedure.homeVisitMinStaff', 2], // 六(二)
    ['procedure.reviewMeetingMinParticipants', 5], // 六(三)
    ['deadline.decisionWorkingDays', 30], // 六
    ['deadline.dibaoTekunMaxWorkingDays', 45],
    ['deadline.linshiMaxWorkingDays', 60],
  ])('sets the confirmed %s = %s, with a source', (name, value) => {
    const reading = parameterAt(table, name, day(TODAY));
    expect(reading).toMatchObject({ status: 'set', value });
    expect(reading.source?.document).toBeTruthy();
    expect(reading.source?.clause).toBeTruthy();
  });

  it.each<ParameterName>([
    'dibao.urbanStandardMonthly',
    'dibao.ruralStandardMonthly',
    'dibao.incomeWindowMonths',
    'dibao.assetLimitFinancialMonths',
    'dibao.assetLimitHousingUnits',
    'dibao.assetLimitVehicleValue',
    'tekun.basicLivingUrbanMonthly',
    'tekun.basicLivingRuralMonthly',
    'tekun.careSelfCareMonthly',
    'tekun.carePartialMonthly',
    'tekun.careFullMonthly',
    'linshi.maxAidsPerYear',
  ])('leaves the unconfirmed %s null (docs/domain.md §19)', (name) => {
    expect(parameterAt(table, name, day(TODAY))).toMatchObject({ status: 'unset', reason: 'unconfirmed' });
  });

  it('states the 先行救助 补办 deadline the deadline rules use (2018 临时救助意见 二(二))', () => {
    const reading = parameterAt(table, 'deadline.advanceRecordsWorkingDays', day(TODAY));
    expect(reading).toMatchObject({ status: 'set', value: DEFAULT_DEADLINE_RULES.advanceRecords.days });
    expect(reading.source?.clause).toContain('二(二)');
  });
});

describe('parameter file validation', () => {
  const entry = {
    version: 'v1',
    effectiveFrom: '2024-01-01',
    value: 60_000,
    source: { document: 'd', clause: 'c' },
  };
  const file = (parameter: object) => ({ fileVersion: 't', parameters: [parameter] });
  const urban = (overrides: object) =>
    file({
      name: 'dibao.urbanStandardMonthly',
      unit: 'fen_per_person_per_month',
      entries: [entry],
      ...overrides,
    });

  it('accepts a well-formed file, including null values', () => {
    expect(parseParameterFile(urban({})).ok).toBe(true);
    expect(parseParameterFile(urban({ entries: [{ ...entry, value: null }] })).ok).toBe(true);
  });

  it.each([
    ['a unit other than the declared one (yuan for fen)', urban({ unit: 'fen_per_person' })],
    ['a fraction of a fen', urban({ entries: [{ ...entry, value: 600.5 }] })],
    ['a negative amount', urban({ entries: [{ ...entry, value: -1 }] })],
    ['an impossible date', urban({ entries: [{ ...entry, effectiveFrom: '2024-02-30' }] })],
    ['a missing source', urban({ entries: [{ ...entry, source: undefined }] })],
    ['a repeated version', urban({ entries: [entry, { ...entry, effectiveFrom: '2025-01-01' }] })],
    ['a repeated effective date', urban({ entries: [entry, { ...entry, version: 'v2' }] })],
    ['an unknown name', file({ name: 'dibao.somethingElse', unit: 'months', entries: [entry] })],
    ['no entries', urban({ entries: [] })],
    ['a missing value (must be null when unconfirmed)', urban({ entries: [{ ...entry, value: undefined }] })],
  ])('rejects %s', (_label, input) => {
    const result = parseParameterFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  });

  it('rejects a name listed twice', () => {
    const p = { name: 'dibao.urbanStandardMonthly', unit: 'fen_per_person_per_month', entries: [entry] };
    expect(parseParameterFile({ fileVersion: 't', parameters: [p, p] }).ok).toBe(false);
  });

  it('parses the shipped file without issues', () => {
    expect(parseParameterFile(shippedFile())).toMatchObject({ ok: true });
  });
});
