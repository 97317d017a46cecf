import { toLocalDate } from '../../../src/domain/calendar';
import type { ParameterLookup } from '../../../src/domain/parameters/parameter-lookup';
import type { ParameterName } from '../../../src/domain/parameters/parameter-names';
import { type PrescreenAnswers, prescreen } from '../../../src/domain/prescreen/prescreen';

const TODAY = toLocalDate('2026-11-27');

/** A lookup with the given values set and everything else unconfirmed. */
function lookup(values: Partial<Record<ParameterName, number>>): ParameterLookup {
  return (name) => {
    const value = values[name];
    return value === undefined
      ? {
          status: 'unset',
          name,
          reason: 'unconfirmed',
          version: 'v1',
          effectiveFrom: undefined,
          source: undefined,
          fileVersion: 't',
        }
      : ({
          status: 'set',
          name,
          value,
          unit: 'fen',
          version: 'v1',
          effectiveFrom: toLocalDate('2023-07-28'),
          source: { document: 't', clause: 't' },
          fileVersion: 't',
        } as ReturnType<ParameterLookup>);
  };
}

const FIGURES = {
  'dibao.ruralStandardMonthly': 50_000,
  'dibao.urbanStandardMonthly': 70_000,
  'dibao.edgeIncomeMultiplier': 1.5,
  'dibao.assetLimitFinancialMonths': 24,
  'dibao.assetLimitHousingUnits': 1,
  'dibao.assetLimitVehicleValue': 5_000_000,
};

const household: PrescreenAnswers = {
  area: 'rural',
  householdSize: 2,
  monthlyIncomeFen: 60_000,
  savingsFen: 100_000,
  hasVehicle: false,
  housingUnits: 1,
  cannotWorkNoSupport: false,
  seriousIllnessOrDisability: false,
  suddenHardship: false,
  heavyNecessarySpending: false,
};

const dibao = (g: ReturnType<typeof prescreen>) => g.find((x) => x.program === 'dibao')!;

describe('pre-screening (guidance only)', () => {
  it('never judges income while the bureau has not published the standard', () => {
    const g = prescreen(household, lookup({ 'dibao.edgeIncomeMultiplier': 1.5 }), TODAY);
    expect(dibao(g)).toMatchObject({ verdict: 'cannot_judge', reasons: ['standard_unpublished'] });
    expect(dibao(g).figures.standardFen).toBeUndefined();
  });

  it('per-capita income below the standard of the area, assets within limits: likely', () => {
    expect(dibao(prescreen(household, lookup(FIGURES), TODAY))).toMatchObject({
      verdict: 'likely',
      figures: { standardFen: 50_000, perCapitaIncomeFen: 30_000 },
    });
    // The same income in town is measured against the urban standard.
    expect(
      dibao(prescreen({ ...household, area: 'urban', monthlyIncomeFen: 120_000 }, lookup(FIGURES), TODAY))
        .verdict,
    ).toBe('likely');
  });

  it('at the standard exactly is not below it; below 1.5× is the 低保边缘 band', () => {
    const g = prescreen({ ...household, monthlyIncomeFen: 100_000 }, lookup(FIGURES), TODAY);
    expect(dibao(g).verdict).toBe('unlikely');
    expect(g.find((x) => x.program === 'dibao_edge')).toMatchObject({ verdict: 'possible' });
    const above = prescreen({ ...household, monthlyIncomeFen: 150_000 }, lookup(FIGURES), TODAY);
    expect(dibao(above).reasons).toEqual(['income_above_edge']);
    expect(above.find((x) => x.program === 'dibao_edge')).toBeUndefined();
  });

  it('assets over a configured limit turn likely into unlikely; unpublished limits leave it possible', () => {
    expect(dibao(prescreen({ ...household, housingUnits: 2 }, lookup(FIGURES), TODAY)).verdict).toBe(
      'unlikely',
    );
    // 24 months × 500 yuan × 2 persons = 24,000 yuan of savings allowed.
    expect(dibao(prescreen({ ...household, savingsFen: 2_400_000 }, lookup(FIGURES), TODAY)).verdict).toBe(
      'likely',
    );
    expect(dibao(prescreen({ ...household, savingsFen: 2_400_001 }, lookup(FIGURES), TODAY)).verdict).toBe(
      'unlikely',
    );
    const { 'dibao.assetLimitHousingUnits': _, ...noHousing } = FIGURES;
    expect(dibao(prescreen(household, lookup(noHousing), TODAY))).toMatchObject({
      verdict: 'possible',
      reasons: ['income_below_standard', 'asset_limits_unpublished'],
    });
    expect(dibao(prescreen({ ...household, hasVehicle: true }, lookup(FIGURES), TODAY)).verdict).toBe(
      'possible',
    );
  });

  it('特困 and temporary aid follow the resident’s answers, with the township limit shown when configured', () => {
    const g = prescreen(
      { ...household, cannotWorkNoSupport: true, suddenHardship: true },
      lookup({ ...FIGURES, 'linshi.emergencyTownshipLimitPerPerson': 100_000 }),
      TODAY,
    );
    expect(g.find((x) => x.program === 'tekun')!.verdict).toBe('possible');
    expect(g.find((x) => x.program === 'linshi_emergency')).toMatchObject({
      verdict: 'possible',
      figures: { emergencyLimitFen: 100_000 },
    });
    expect(g.find((x) => x.program === 'linshi_expenditure')!.verdict).toBe('unlikely');
  });
});
