import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateStore } from '../../src/core/templates/template-store';
import { STANDARD_PARAMETERS } from '../../src/domain/parameters/standard-amendment';
import { KnowledgeFileError, loadKnowledge } from '../../src/features/knowledge/load-knowledge';

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shulan-kb-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const passage = (id: string, related = '[]', extra = '') =>
  `---\nid: ${id}\nprogram: dibao\ntopic: 申请地点\nquestion: 低保去哪申请？\nsource: 舒政办发〔2023〕9号\nclause: 六(一)\nrelated: ${related}\n${extra}---\n向户籍所在地的乡镇提出申请。\n`;

describe('knowledge files', () => {
  it('reads passages with their front matter', () => {
    const [p] = loadKnowledge(dirWith({ 'a.md': passage('a') }));
    expect(p).toEqual({
      id: 'a',
      program: 'dibao',
      topic: '申请地点',
      question: '低保去哪申请？',
      similar: [],
      states: [],
      keywords: [],
      source: '舒政办发〔2023〕9号',
      clause: '六(一)',
      related: [],
      figures: [],
      body: '向户籍所在地的乡镇提出申请。',
    });
  });

  it('has a label for every standard a passage may add', () => {
    const templates = new TemplateStore();
    for (const name of STANDARD_PARAMETERS) expect(templates.phrase('chat.standards', name)).toMatch(/标准/);
  });

  it('reads the bureau’s standards a passage adds when they are set', () => {
    const extra = 'figures: [dibao.urbanStandardMonthly, dibao.ruralStandardMonthly]\n';
    const [p] = loadKnowledge(dirWith({ 'a.md': passage('a', '[]', extra) }));
    expect(p?.figures).toEqual(['dibao.urbanStandardMonthly', 'dibao.ruralStandardMonthly']);
  });

  it('reads similar questions written one a line, the kinds of fact stated, and a command', () => {
    const extra =
      'states: [place, yesno]\ncommand: status\nsimilar:\n  - 低保上哪办\n  - 俺想整个低保，找谁\n';
    const [p] = loadKnowledge(dirWith({ 'a.md': passage('a', '[]', extra) }));
    expect(p?.similar).toEqual(['低保上哪办', '俺想整个低保，找谁']);
    expect(p?.states).toEqual(['place', 'yesno']);
    expect(p?.command).toBe('status');
  });

  it.each([
    [
      'a missing source',
      { 'a.md': passage('a').replace('source: 舒政办发〔2023〕9号\n', '') },
      /a\.md: source/,
    ],
    [
      'a related passage that does not exist',
      { 'a.md': passage('a', '[b]') },
      /related passages not found: b/,
    ],
    ['a duplicate id', { 'a.md': passage('a'), 'b.md': passage('a') }, /duplicate passage id a/],
    ['no front matter', { 'a.md': '只有正文' }, /front matter missing/],
    [
      'a kind of fact it does not know',
      { 'a.md': passage('a', '[]', 'states: [colour]\n') },
      /a\.md: states/,
    ],
    [
      'a figure that is not a parameter',
      { 'a.md': passage('a', '[]', 'figures: [dibao.standard]\n') },
      /a\.md: figures\.0 must name a standard the bureau sets/,
    ],
    [
      'a figure that is not a standard (a number of people)',
      { 'a.md': passage('a', '[]', 'figures: [procedure.homeVisitMinStaff]\n') },
      /a\.md: figures\.0 must name a standard the bureau sets/,
    ],
    [
      'a list item outside a list',
      { 'a.md': passage('a', '[]', '  - 孤立的一行\n') },
      /list item outside a list/,
    ],
  ])('refuses %s, naming the file', (_label, files, message) => {
    expect(() => loadKnowledge(dirWith(files))).toThrow(KnowledgeFileError);
    expect(() => loadKnowledge(dirWith(files))).toThrow(message);
  });
});
