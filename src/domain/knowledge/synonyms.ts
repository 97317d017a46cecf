/**
 * How residents say things versus how the passages say them. Each group is one meaning; a query
 * word from a group also searches the others. Data, not code paths: extend freely.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['低保', '最低生活保障', '低保户', '低保金'],
  ['特困', '特困人员', '特困供养', '五保', '五保户'],
  ['临时救助', '临时救助金', '急难', '救急', '应急'],
  ['户口', '户籍', '户口本', '户口簿'],
  ['钱', '补助', '救助金', '补贴', '待遇', '保障金', '多少钱', '金额'],
  ['办', '申请', '办理', '申办', '报名'],
  ['哪里', '哪儿', '在哪', '去哪', '地点', '哪个部门'],
  ['多久', '多长时间', '几天', '时间', '期限', '时限', '工作日'],
  ['批', '审批', '批准', '审核', '确认', '批下来'],
  ['材料', '资料', '证明', '手续', '证件'],
  ['村委会', '村里', '居委会', '社区', '村委', '村干部'],
  ['乡镇', '镇里', '街道', '乡政府', '镇政府'],
  ['公示', '公开', '贴出来', '张榜'],
  ['不同意', '拒绝', '不予批准', '没批', '不批', '驳回'],
  ['复议', '行政复议', '申诉', '不服'],
  ['起诉', '诉讼', '行政诉讼', '打官司', '告'],
  ['收入', '工资', '挣钱', '收入证明'],
  ['存款', '存钱', '财产', '房子', '车', '车辆', '资产'],
  ['生病', '大病', '重病', '住院', '疾病', '看病'],
  ['残疾', '残疾人', '残疾证'],
  ['亲戚', '近亲属', '亲属'],
  ['入户', '上门', '到家里', '家访', '入户调查'],
  ['评议', '民主评议', '评审'],
  ['举报', '投诉', '反映', '监督'],
  ['骗', '骗取', '造假', '虚报', '隐瞒'],
  ['停', '停保', '取消', '停止保障'],
  ['调整', '变化', '变动', '增加', '减少'],
  ['外地', '不在本地', '人户分离', '在外地住', '不住这'],
  ['火灾', '着火', '车祸', '交通事故', '意外'],
  ['上学', '学费', '教育', '读书'],
  ['发放', '发钱', '到账', '打卡', '给钱'],
  ['预警', '核对', '比对', '复核', '核查'],
];

const index = new Map<string, Set<string>>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    const set = index.get(word) ?? new Set<string>();
    for (const other of group) set.add(other);
    index.set(word, set);
  }
}

/** The word with every synonym it has (itself included). */
export function synonymsOf(word: string): readonly string[] {
  return [...(index.get(word) ?? [word])];
}

/** Multi-character phrases the segmenter should keep whole (added to its dictionary). */
export const DOMAIN_PHRASES: readonly string[] = [
  ...new Set(SYNONYM_GROUPS.flat().filter((w) => w.length >= 2)),
];

/** Multi-character variants, longest first, each with the word its group is written as. */
const REWRITES: readonly [string, string][] = SYNONYM_GROUPS.flatMap((group) =>
  group
    .slice(1)
    .filter((w) => w.length >= 2 && group[0]!.length >= 2)
    .map((w): [string, string] => [w, group[0]!]),
).sort((a, b) => b[0].length - a[0].length);

/**
 * Writes every multi-character variant as its group's first word (最低生活保障 → 低保, 户籍 → 户口),
 * on passages and questions alike, so both are segmented and paired the same way. Single characters
 * are left alone: they occur inside unrelated words.
 */
export function canonicalize(text: string): string {
  let out = text;
  for (const [variant, canonical] of REWRITES) out = out.replaceAll(variant, canonical);
  return out;
}
