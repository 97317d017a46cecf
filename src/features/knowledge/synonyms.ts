/**
 * How residents say things versus how the passages say them. Each group is one meaning; a query
 * word from a group also searches the others. Data, not code paths: extend freely.
 *
 * The first word of a group is how it is written after canonicalisation (see `canonicalize`), so a
 * group's first word should be the most specific, least ambiguous one: every multi-character
 * variant is rewritten to it in passages and questions alike. Groups hold common typos of the
 * program names too (底保 for 低保, 审请 for 申请), and colloquial Northeastern words (多咱 “when”,
 * 屯里 “in the village”). Words are written in standard Mandarin: see `DIALECT`.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Programs.
  [
    '低保',
    '最低生活保障',
    '低保户',
    '低保金',
    '低保钱',
    '吃低保',
    '吃上低保',
    '吃着低保',
    '底保',
    '地保',
    '低宝',
    'db',
    '低包',
    '抵保',
  ],
  ['特困', '特困人员', '特困供养', '特困户', '五保', '五保户', '五保老人', '五包', '特昆', '特捆', '特因'],
  [
    '临时救助',
    '临时救助金',
    '临时补助',
    '临时困难救助',
    '临时救主',
    '临使救助',
    '临时就助',
    '救急',
    '应急',
    '临时',
  ],
  ['急难型', '急难', '急难救助', '急难型救助'],
  ['支出型', '支出型救助'],
  // Who, where, when, how long.
  ['户口', '户籍', '户口本', '户口簿', '户扣'],
  ['农村', '乡下', '乡下人', '屯子', '农村人', '乡村'],
  [
    '钱',
    '补助',
    '救助金',
    '补贴',
    '待遇',
    '保障金',
    '多少钱',
    '金额',
    '补助金',
    '几百块',
    '几千块',
    '几万块',
    '好几万',
    '好几千',
    '救济金',
    '补助款',
    '补贴款',
  ],
  ['办', '申请', '办理', '申办', '报名', '审请', '申清', '整', '申'],
  [
    '哪里',
    '哪儿',
    '在哪',
    '去哪',
    '上哪',
    '哪个地方',
    '什么地方',
    '地点',
    '哪个部门',
    '哪个单位',
    '什么单位',
    '哪嘎达',
    '哪旮旯',
    '哪疙瘩',
  ],
  ['申请表', '申请书', '书面申请'],
  ['无儿无女', '没儿没女', '没儿女', '没有儿女', '无子女', '孤寡'],
  ['村民代表', '村民', '大伙', '乡亲们', '老百姓'],
  ['多久', '多长时间', '几天', '多少天', '时间', '期限', '时限', '工作日'],
  ['什么时候', '多咱', '哪天', '几号', '何时'],
  ['每月', '每个月', '按月', '月月'],
  ['批', '审批', '批准', '审核', '确认', '批下来', '批下'],
  ['结果', '消息', '动静', '信儿', '回音', '答复'],
  ['准备', '带', '拿', '备齐', '预备'],
  ['材料', '资料', '证明', '手续', '证件', '东西', '才料'],
  ['不全', '不齐', '没带齐', '没带全', '不够', '没齐', '缺'],
  ['票据', '发票', '单子', '单据', '收据', '结算单'],
  [
    '村委会',
    '村（居）委会',
    '村里',
    '居委会',
    '社区',
    '村委',
    '村干部',
    '村上',
    '屯里',
    '村长',
    '村支书',
    '村主任',
  ],
  ['乡镇', '乡镇（街道）', '镇里', '街道', '乡政府', '镇政府', '镇上', '乡里', '街道办'],
  ['家里', '我家', '我们家', '自家'],
  ['报告', '告诉', '说一声', '吱一声', '吱声', '报备', '主动说', '说'],
  ['签字', '签名', '按手印', '摁手印'],
  [
    '代交',
    '代办',
    '代为提交',
    '代递',
    '帮着交',
    '帮忙交',
    '帮我交',
    '替我交',
    '帮忙递',
    '帮着递',
    '捎过去',
    '送过去',
    '交上去',
    '递上去',
    '递交',
    '交到',
    '替',
    '代',
    '捎',
  ],
  // Steps of the procedure.
  ['公示', '公示榜', '贴榜', '公开', '贴出来', '张榜', '张贴', '贴出去', '张贴出来', '公式', '公事'],
  ['异议', '有人反对', '反对', '有意见', '提意见', '不同意', '有看法', '说闲话', '挑毛病'],
  ['入户', '上门', '到家里', '家访', '入户调查', '来家里', '上家里', '到家来'],
  ['评议', '民主评议', '评议会'],
  // The township's review meeting, not the village's appraisal (评议).
  ['评审合议会', '合议会', '评审会', '评审', '合议'],
  ['核对', '比对', '核查', '对比'],
  ['复核', '复查', '年审', '年检', '重新审核', '复合'],
  ['预警', '预警信息', '被预警'],
  ['不予批准', '拒绝', '没批', '不批', '驳回', '没给批', '不给批', '没通过', '不给办', '被拒'],
  ['理由', '原因', '说法', '为什么', '凭什么'],
  ['复议', '行政复议', '申诉', '不服', '不服气', '复义', '付议'],
  ['起诉', '诉讼', '行政诉讼', '打官司', '告', '告状', '法院'],
  ['不公平', '公平', '偏心', '偏向', '不公道', '不公正'],
  ['举报', '投诉', '反映', '监督', '检举', '告发', '反应'],
  ['民政局', '市民政局', '民政部门', '县民政局', '市里民政'],
  [
    '服刑',
    '坐牢',
    '在监狱',
    '蹲监狱',
    '判刑',
    '在里边',
    '被判',
    '劳改',
    '笆篱子',
    '蹲笆篱子',
    '蹲大狱',
    '坐大牢',
  ],
  ['失踪', '找不着', '下落不明'],
  ['通知', '事先通知', '提前通知', '提前告诉', '打招呼', '告知', '告知书', '通知书'],
  ['骗', '骗取', '造假', '虚报', '隐瞒', '瞒报', '瞒着', '弄虚作假', '骗保', '弄假', '作假'],
  ['罚款', '罚钱', '罚'],
  ['停保', '停', '取消', '停止保障', '停发', '断保', '给停了', '停了'],
  ['调整', '变化', '变动', '添了', '增加', '减少', '少了', '变少', '减钱', '扣钱', '少给', '减发', '增发'],
  // The household and its means.
  [
    '困难',
    '生活困难',
    '揭不开锅',
    '吃不上饭',
    '过不下去',
    '日子难',
    '没法过',
    '活不下去',
    '困难户',
    '贫困',
    '没钱',
    '缺钱',
  ],
  ['收入', '工资', '挣钱', '收入证明', '赚钱', '进项', '工钱'],
  ['种地', '种田', '种庄稼', '种粮', '卖粮', '务农'],
  ['工作', '上班', '打工', '就业', '找着活', '干活'],
  ['存款', '存钱', '积蓄', '银行存款', '存了', '存着', '存有'],
  ['财产', '资产', '家底', '家产'],
  [
    '车辆',
    '车',
    '汽车',
    '轿车',
    '小轿车',
    '小车',
    '台车',
    '辆车',
    '私家车',
    '面包车',
    '有车',
    '四轮子',
    '三轮车',
    '摩托车',
    '农用车',
    '拖拉机',
    '小四轮',
    '四轮车',
    '三马子',
    '大车',
    '货车',
    '小货车',
    '卡车',
  ],
  ['房子', '房屋', '房产', '楼房', '住房'],
  ['配偶', '老公', '老婆', '媳妇', '丈夫', '妻子', '爱人', '老伴'],
  ['父母', '爹妈', '我妈', '我爸', '我爹', '我娘', '老娘', '老爹', '父亲', '母亲'],
  ['干什么', '嘎哈', '干嘛', '做什么'],
  ['公婆', '婆婆', '公公', '岳父', '岳母', '老丈人', '丈母娘'],
  ['结婚', '嫁人', '嫁出去', '出嫁', '娶媳妇', '出门子'],
  ['分家', '分出去', '单过', '另过', '分开过', '分户', '另立门户'],
  ['离婚', '离婚证', '离婚协议', '离婚判决书', '离了婚'],
  ['赡养', '养活', '养老送终', '养'],
  ['子女', '儿女', '孩子', '儿子', '女儿', '闺女', '小孩', '老儿子', '大儿子', '小儿子', '大闺女', '老闺女'],
  ['老人', '老年人', '老头', '老太太', '老爷子', '上岁数', '岁数大', '年纪大'],
  ['亲戚', '近亲属', '亲属', '家属', '小舅子', '姐夫', '妹夫', '舅舅', '叔叔', '侄子', '外甥', '小姨子'],
  ['邻居', '邻里', '街坊', '左邻右舍'],
  ['大学', '大学生', '上大学', '念大学', '读大学'],
  ['去世', '死亡', '死了', '过世', '人没了', '老人没了'],
  [
    '生病',
    '大病',
    '重病',
    '住院',
    '疾病',
    '看病',
    '得病',
    '有病',
    '患病',
    '癌症',
    '病号',
    '病人',
    '做手术',
    '手术',
  ],
  ['残疾', '残疾人', '残疾证', '残障'],
  [
    '行动不便',
    '腿脚不便',
    '腿脚不好',
    '腿脚不利索',
    '走不动',
    '跑不动',
    '走不了',
    '出不了门',
    '去不了',
    '动弹不了',
  ],
  ['承受能力', '交不起', '付不起', '拿不出', '负担不起', '供不起'],
  ['紧急', '急事', '急需', '着急', '急着', '急用', '等不及'],
  [
    '不能自理',
    '瘫痪',
    '卧床',
    '瘫在床上',
    '下不了床',
    '失能',
    '瘫炕上',
    '瘫在炕上',
    '瘫床上',
    '下不了炕',
    '起不来炕',
  ],
  ['照料', '照顾', '伺候', '看护'],
  ['丧葬', '后事', '办后事', '丧事'],
  ['艾滋病', '艾滋', '不能说的病', '见不得人的病', '不好说的病'],
  ['敬老院', '养老院', '福利院', '老人院', '供养机构', '供养服务机构'],
  ['外地', '不在本地', '人户分离', '在外地住', '不住这'],
  ['本地', '当地', '这嘎达', '这疙瘩', '这旮旯', '这边'],
  ['评估', '评定', '评级', '定级'],
  [
    '火灾',
    '着火',
    '车祸',
    '交通事故',
    '意外',
    '失火',
    '起火',
    '烧了',
    '被车撞',
    '出车祸',
    '大火',
    '火烧',
    '着了火',
    '烧没了',
  ],
  ['上学', '学费', '教育', '读书', '念书', '上高中', '念高中', '读高中', '上初中'],
  ['发放', '发钱', '到账', '打卡', '给钱', '领钱', '打钱'],
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

/**
 * Multi-character phrases the segmenter should keep whole (added to its dictionary): the words
 * that are left after `canonicalize`, i.e. a group's first word, or every word of a group written
 * as a single character.
 */
export const DOMAIN_PHRASES: readonly string[] = [
  ...new Set(
    SYNONYM_GROUPS.flatMap((group) => (group[0]!.length >= 2 ? [group[0]!] : group)).filter(
      (w) => w.length >= 2,
    ),
  ),
];

/**
 * Northeastern colloquial characters written the standard way before anything else (咋整 → 怎么整,
 * 啥时候 → 什么时候, 俺家 → 我家), so a question and a keyword match whichever way either is said.
 * Each of these characters has no other meaning in the passages' vocabulary.
 */
const DIALECT: Readonly<Record<string, string>> = { 咋: '怎么', 啥: '什么', 俺: '我', 咱: '我们' };
const DIALECT_CHARS = new RegExp(`[${Object.keys(DIALECT).join('')}]`, 'gu');

/**
 * Every multi-character word of a group whose first word has several characters (the first word
 * itself included, so that 村委会 is kept whole before its variant 村委 is looked for), longest
 * first, with the private-use character that stands for the group's first word while rewriting.
 */
const REWRITES: readonly { word: string; mark: string }[] = SYNONYM_GROUPS.flatMap((group, i) =>
  group[0]!.length >= 2
    ? group.filter((w) => w.length >= 2).map((word) => ({ word, mark: String.fromCharCode(0xe000 + i) }))
    : [],
).sort((a, b) => b.word.length - a.word.length);

const MARKS = /[\ue000-\uf8ff]/gu;

/**
 * Writes every multi-character variant as its group's first word (最低生活保障 → 低保, 户籍 → 户口),
 * on passages and questions alike, so both are segmented and paired the same way (dialect first,
 * see `DIALECT`). Longer variants
 * are rewritten first and what was rewritten is never read again (去哪个地方 becomes 去哪里, not
 * 哪里个地方). Single characters are left alone: they occur inside unrelated words.
 */
export function canonicalize(text: string): string {
  let out = text.replace(MARKS, ' ').replace(DIALECT_CHARS, (c) => DIALECT[c] ?? c);
  for (const { word, mark } of REWRITES) if (out.includes(word)) out = out.replaceAll(word, mark);
  return out.replace(MARKS, (mark) => SYNONYM_GROUPS[mark.charCodeAt(0) - 0xe000]![0]!);
}

/** The key a word is compared by: the first word of its synonym group, or the word itself. */
export function synonymGroupKey(word: string): string {
  return groupKey.get(word) ?? word;
}

const groupKey = new Map<string, string>();
for (const group of SYNONYM_GROUPS)
  for (const word of group) if (!groupKey.has(word)) groupKey.set(word, group[0]!);
