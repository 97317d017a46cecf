import { letterhead } from '../../src/core/cases/notice-letterhead';
import { TemplateStore } from '../../src/core/templates/template-store';

const templates = new TemplateStore();
// 2026-12-31 20:00 UTC is already 1 January in Shulan.
const now = new Date('2026-12-31T20:00:00Z');

describe('who signs a notice and when (issue 15, item 6)', () => {
  it.each([
    [{ id: 'pingan', name: '平安镇', kind: 'town' as const }, '平安镇人民政府'],
    [{ id: 'tiande', name: '天德乡', kind: 'town' as const }, '天德乡人民政府'],
    [{ id: 'beicheng', name: '北城街道', kind: 'subdistrict' as const }, '北城街道办事处'],
  ])('%o signs as %s, dated in Shanghai time', (township, issuer) => {
    expect(letterhead(templates, township, now)).toEqual({ issuer, issuedOn: '2027年1月1日' });
  });
});
