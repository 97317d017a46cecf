import type { LocalDate } from '../../../src/domain/calendar/local-date';
import { parameterAt } from '../../../src/domain/parameters/parameter-lookup';
import { amendStandard } from '../../../src/domain/parameters/standard-amendment';
import { shippedFile } from './parameter-fixtures';

const day = (text: string) => text as LocalDate;
const amendment = {
  name: 'dibao.urbanStandardMonthly',
  valueFen: 62_000,
  effectiveFrom: '2027-01-01',
  document: '舒兰市民政局通知（测试）',
  clause: '一',
};

// docs/domain.md §19: a new value is a new entry with its effective date; history is never rewritten.
describe('the bureau’s standards as new entries', () => {
  it('adds a version in force from its date, keeps the old one, and bumps the file version', () => {
    const result = amendStandard(shippedFile(), amendment);
    if (!result.ok) throw new Error(result.detail);
    expect(result.version).toBe('v2');
    expect(parameterAt(result.table, 'dibao.urbanStandardMonthly', day('2027-01-01'))).toMatchObject({
      status: 'set',
      value: 62_000,
      source: { document: '舒兰市民政局通知（测试）' },
    });
    expect(parameterAt(result.table, 'dibao.urbanStandardMonthly', day('2026-12-31'))).toMatchObject({
      status: 'unset',
    });
    expect(result.table.fileVersion).toBe('2026-2+1');
    const again = amendStandard(result.file, { ...amendment, effectiveFrom: '2028-01-01' });
    expect(again.ok && again.table.fileVersion).toBe('2026-2+2');
  });

  it('refuses what is not a standard, a bad value or date, no source, or a date not after the latest', () => {
    const file = shippedFile();
    expect(amendStandard(file, { ...amendment, name: 'procedure.homeVisitMinStaff' })).toMatchObject({
      problem: 'not_a_standard',
    });
    expect(amendStandard(file, { ...amendment, valueFen: 0 })).toMatchObject({ problem: 'value_invalid' });
    expect(amendStandard(file, { ...amendment, effectiveFrom: '2027-02-30' })).toMatchObject({
      problem: 'date_invalid',
    });
    expect(amendStandard(file, { ...amendment, document: ' ' })).toMatchObject({ problem: 'source_missing' });
    expect(amendStandard(file, { ...amendment, effectiveFrom: '2023-07-28' })).toMatchObject({
      problem: 'not_after_latest',
    });
  });
});
