/**
 * Whether a reason, opinion or finding says anything. What staff type there is written into the
 * case and onto paper: the written refusal must state its reasons (notice 六(三); 民发〔2021〕57号
 * 第二十一条, see docs/domain.md), a home-visit finding is what the investigators sign for (六(二)),
 * and a skipped appraisal needs its reason on file. "无", "同上" or one character fill the
 * field without saying anything, and a 不予批准告知书 that reads "理由如下：无" is no notice.
 */

/** Fillers seen in forms: nothing, same as above, unknown, test input. Compared without spaces or punctuation. */
const FILLERS = new Set([
  '无',
  '没有',
  '没',
  '空',
  '暂无',
  '同上',
  '如上',
  '见上',
  '同前',
  '略',
  '不详',
  '未知',
  '不知道',
  '不清楚',
  '无理由',
  '没理由',
  '无原因',
  '没原因',
  '无意见',
  '没意见',
  '其他',
  '其它',
  '待定',
  '待补',
  '测试',
  // A refusal restated is not its reason: 不予受理 because "不符合" says nothing of why.
  '不符合',
  '不合格',
  '不符',
  '不行',
  '不够',
  '不满足',
  '不符合条件',
  '条件不符',
  '不满足条件',
  '不予批准',
  '不予受理',
  '不同意',
  '不批',
  'na',
  'none',
  'null',
  'nil',
  'test',
  'xx',
  'xxx',
]);

/** True when the text, stripped of spaces and punctuation, is empty, one character, a filler, digits or one character repeated. */
export function saysNothing(text: string): boolean {
  const core = text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
  if ([...core].length < 2) return true;
  if (FILLERS.has(core)) return true;
  if (/^\d+$/.test(core)) return true;
  return new Set(core).size === 1;
}
