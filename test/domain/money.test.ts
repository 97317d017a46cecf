import { fenOf, formatYuan, yuanValue } from '../../src/domain/money';

describe('money: fen stored, yuan shown one way', () => {
  it.each([
    [50_000, '500'],
    [230_050, '2300.50'],
    [120_005, '1200.05'],
    [0, '0'],
    [99, '0.99'],
    [-1_050, '-10.50'],
  ])('%i fen reads %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('yuan values for spreadsheet cells and fen from typed yuan round to the fen', () => {
    expect(yuanValue(230_050)).toBe(2300.5);
    expect(fenOf(1200.5)).toBe(120_050);
    expect(fenOf(0.1 + 0.2)).toBe(30);
  });
});
