/**
 * What residents ask this assistant about that its knowledge base does not cover: neighbouring
 * programs and services often confused with social assistance (medical insurance, pensions,
 * housing, heating, disability and old-age allowances, student loans, farming subsidies …). A
 * question naming one of them is answered directly only by a passage that names it too (奖学金算收入吗
 * is covered, 助学金怎么申请 is not). Input vocabulary; extend freely.
 */
export const OTHER_PROGRAMS: readonly string[] = [
  '医保',
  '医疗保险',
  '新农合',
  '合作医疗',
  '大病保险',
  '医疗救助',
  '报销比例',
  '养老保险',
  '社保卡',
  '公积金',
  '廉租房',
  '公租房',
  '保障房',
  '棚改',
  '危房',
  '取暖',
  '采暖',
  '煤补',
  '高龄',
  '两项补贴',
  '护理补贴',
  '残疾人补贴',
  '残疾补贴',
  '残疾人生活补贴',
  '残疾生活补贴',
  '重残补贴',
  '残补',
  '贫困生',
  '困难学生',
  '学生资助',
  '学生补助',
  '寄宿生',
  '营养餐',
  '老年补贴',
  '老年人补贴',
  '困境儿童',
  '助学贷款',
  '助学金',
  '教育救助',
  '雨露计划',
  '失业金',
  '失业保险',
  '退休工资',
  '养老金涨',
  '门诊慢',
  '慢病卡',
  '慢特病',
  '信用卡',
  '预支',
  '彩票',
  '双色球',
  '宅基地',
  '纠纷',
  '房贷',
  '利率',
  '落户',
  '基本生活费',
  '孤儿',
  '事实无人抚养',
  '独生子女',
  '计生',
  '退役军人',
  '优抚',
  '抚恤',
  '种粮',
  '粮补',
  '耕地',
  '农机',
  '扶贫',
  '防返贫',
  '脱贫',
  '贷款',
  '慈善',
  '红十字',
  '水费',
  '电费',
  '工伤',
  '生育',
  '殡葬补贴',
  '离婚手续',
  '办离婚',
  '丧葬费',
  '住房救助',
  '就业救助',
  '减免',
  '免学费',
  '免费',
  '公益岗',
  '公益性岗位',
  '参战',
  '老兵',
  '税',
  '免',
  '押金',
  '米面',
  '粮油',
  '慰问',
  '门诊统筹',
  '统筹',
  '生产者补贴',
  '玉米',
  '危改',
  '一次性补贴',
  '自来水',
  '停水',
  '停电',
  '快递',
  '理赔',
  '保险公司',
  '刷脸',
  '资格认证',
  '村医',
  '赤脚医生',
  '生活补贴',
  '火化',
  '殡葬',
];

/**
 * Facts no passage states, whatever the question's other words: a phone number, office hours, an
 * address or the way there, a fee to pay, a contribution to pay, how to obtain a certificate from
 * another office, the day of the month money arrives, how many copies or what size of photo to
 * bring, how many households a check covers or what share of them, how to replace a lost card or
 * certificate, how many times a year one may get temporary aid, when or where a pension is paid,
 * how to register or move a household's 户口 (the police station's business), how to divide a
 * house or an estate (a lawyer's) or getting support money paid, bus and train times, the weather, which floor or
 * window, a private care home to choose, questions about the assistant itself (你多大了,
 * 你是真人吗), rumours and predictions (取消了 真的假的, 明年涨不涨), advice on private decisions
 * (拿个主意, 该不该离婚), a lawsuit within the family, a hospital's manners, a pension's amount.
 */
export const NEVER_STATED =
  /电话(号码|号)?(是|打)?(多少|啥|什么|几)|(打|拨)个?(啥|什么|哪个)电话|号码是多少|联系方式(是|多少|给)|几点(上班|下班|开门|关门)|上班时间|办公时间|(交|缴)(多少|几百)|(交|缴)费(?!凭证|单|票据|收据)|(在哪|去哪|怎么|咋|如何).{0,3}(办|申请|领).{0,2}残疾证|残疾证.{0,3}(在哪|去哪|怎么|咋|如何).{0,2}(办|申请|领)|办残疾证|残疾(评定|鉴定)|(要不要|用不用|需不需要|需要|得|要)(交|花|给)钱|收费(?!票据|单|凭证|收据)|收不收钱|在哪条街|什么位置|哪个位置|地址|门牌|怎么走|几号(?!文)|(每月|每个月|月初|月底).{0,4}(哪天|什么时候|啥时候|啥时)|(丢|掉|没)了.{0,6}(补办|咋补|怎么补|去哪补|上哪补|哪补)|几份|多少份|几寸|多少寸|照片.{0,4}(多大|尺寸|规格|底色)|(一年|每年|一辈子|最多).{0,6}(申请|领|给|办|拿|救助)(几|多少)(次|回)|多少户|几户|多少比例|什么比例|啥比例|比例是多少|百分之几|百分之多少|几楼|哪个屋|几成|(房子|房产|家产|遗产|财产|宅基地|老房子).{0,8}(咋|怎么|如何)分(?!户)|(大客|客车|火车|高铁|汽车站|车票|班车).{0,10}(几点|多少钱|咋走|怎么走|在哪)|几点(发车|有车|开车)|(你|您)(今年)?(多大|几岁|多大岁数|叫啥|叫什么名|是男是女|结婚|吃饭了|吃饭没|吃了吗|吃了没|住哪)|(你|您)是(不是)?(真人|机器人|人工智能|ai)|(明天|今天|后天|这两天).{0,6}(下雨|下雪|刮风|多少度|冷不冷)|天气预报|(抚养费|赡养费|工钱|工资).{0,8}(咋要|怎么要|要不来|要不回来)|不给.{0,4}(养老钱|赡养费|抚养费|生活费).{0,8}(告|法院|起诉|咋要|怎么要)|多少?钱一(斤|袋|箱|吨|方|车|捆)|多少?钱一个(?!月|人)|物价|机器人.{0,8}(谁|哪)|(?<!民)政审|(私人|民办|私立).{0,8}(养老院|敬老院)|(养老院|敬老院).{0,8}(私人|民办|私立|哪家好)|养老金.{0,8}(哪个月|几月|啥时候|什么时候|怎么领|咋领|哪领|上哪领|去哪领)|养老金.{0,4}(能领|给)多少|户口.{0,3}(怎么|咋|如何|咋么)(落|迁|上)|户口迁移|迁户口|拿个?主意|出个?主意|该不该离婚|离不离婚|(大夫|医生|护士|医院)[^，。]{0,8}(态度|服务)|^吃(了|饭)?(没|吗|了吗|了没)$|(取消|不办了|没了|停了|涨|降)[^，。]{0,4}(真的假的|是真是假)|(低保|特困|救助|政策)[^，。]{0,4}(会不会|是不是|要)(被)?取消|(你|您)是人还是机器|借(人|给|别人)?[^，。]{0,3}钱[^，。]{0,4}不还|欠(俺|我)?钱不还|讨债|要账|(明年|下年|今后|以后)[^，。]{0,6}(涨|提高|上调|降)|(能|会)涨(到)?多少|养老金[，,\s]{0,2}(一个月|每月|每个月)?能?(有|领|给|拿)?多少|涨不涨|跟(儿子|闺女|女儿|子女|儿女|老伴|兄弟|哥|姐|弟|妹)[^，。]{0,3}打官司|把(房子|房产|钱|地|彩礼|存款)[^，。]{0,4}要回来/;

/** A resident working, in hospital or at school in another place asks about Shulan's rules. */
const NOT_LIVING_THERE = '(?!.{0,4}(打工|住院|看病|上学|念书|嫁|干活|工作|上班|挣))';

/**
 * Places whose own rules and figures this base does not cover: the other cities and counties of
 * Jilin, the neighbouring provinces' cities residents go to, the big cities (吉林市 is added where a
 * rule means the city's own figures or office; 吉林省 never: its rules are Shulan's too).
 */
const OTHER_PLACES =
  '长春|(?<![一二三四五六七八九十])四平|辽源|通化|白山|松原|白城|延边|延吉|珲春|敦化|图们|龙井|和龙|蛟河|桦甸|磐石|永吉|榆树|德惠|农安|九台|公主岭|梅河口|集安|临江|扶余|洮南|大安|船营|昌邑|龙潭|丰满|五常|尚志|哈尔滨|牡丹江|沈阳|大连|北京|上海|天津|山东|河北|黑龙江|辽宁|外省';

/**
 * Figures the base never states either: whether the standard was raised, another place's standards or amounts (长春, 哈尔滨, the
 * province), a private care home's fees, how much the urban standard exceeds the rural one. The
 * passage on how the 低保 amount is set must not answer them.
 */
export const FIGURES_ELSEWHERE = new RegExp(
  `(${OTHER_PLACES}|吉林省|全省|省里|别的市|别的县|吉林市|全国)${NOT_LIVING_THERE}.{0,10}(标准|多少钱|多钱|给多少|多少|几百|比(咱|俺|我|舒兰|这))|` +
    /提标|涨标准|标准.{0,3}涨|标准提高|(私人|民办|私立|个人开)的?(养老院|敬老院|护理院)|(养老院|敬老院|护理院).{0,6}(收费|费用|多少钱|一个月多少)|(城市|城里).{0,8}(农村|乡下).{0,8}(哪个|谁|哪).{0,3}(多|高)|(农村|乡下).{0,8}(城市|城里).{0,8}(哪个|谁|哪).{0,3}(多|高)|比(农村|城里|城市|乡下)的?(高|多)多少/
      .source,
  'u',
);

/**
 * Another county's or city's procedure (蛟河的低保归谁批, 延吉那边咋申请): this base covers Shulan only.
 * A question that also names 舒兰 is about moving between the two and is left alone.
 */
const ELSEWHERE = new RegExp(
  `(${OTHER_PLACES}|吉林市)${NOT_LIVING_THERE}([\u4e00-\u9fff\\s]{0,6}?(的|那边|那嘎达|那旮旯|那块)(低保|特困|临时救助|救助)?.{0,6}|(申请|办理?)(低保|特困|临时救助|救助)?.{0,10})(谁|哪|咋|怎么|如何|啥|什么|多少|几)`,
  'u',
);

/** Common surnames, for telling a named person (王德福, 李老三) from a word. */
const SURNAMES =
  '王李张刘陈杨赵黄吴徐孙胡朱郭马罗梁宋郑谢韩唐冯董萧曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟汪姜范姚谭廖邹熊陆郝崔邱秦顾侯邵孟汤尹黎乔贺赖龚';
/** Characters that follow a surname character in ordinary words (马上, 许多, 夏天), not in names. */
const NOT_IN_NAMES = '的了着过在是有家那这里个么月年天号周村乡镇屯俺我你他她们多上经时间人些候';
/** How villagers name a neighbour by surname and kinship (王婶, 老李头, 张大爷, 刘二嫂). */
const KIN =
  '(?:[大二三四小]?(?:婶|叔|姨|舅|嫂|哥|姐|爷|奶|娘|伯|妈|爹|姑)|大爷|大娘|大妈|大伯|老头|老太太|头)';

/** A named person: 王德福家, 老李家, 李老三, 王婶家 (not 俺家老三, one's own child). */
const NAMED = `(?!孙子|孙女|钟点)(?:[${SURNAMES}]${KIN}(?:家|的|那|他家|她家)|[${SURNAMES}](?:(?![${NOT_IN_NAMES}])[\\u4e00-\\u9fff]){1,2}(?:家|的|那|他家|她家)|(?<!俺家|我家|家里|们家|咱家)老[二三四五六七八九]|老[${SURNAMES}](?=家|的|那|他家|她家))`;

/**
 * Someone else's case by name: how or why a named person got 低保 (老李家低保咋批的, 王婶家有车
 * 有楼 她家咋吃上的低保), whether theirs was approved, how long they have had it. Nobody may
 * discuss another household's case here: the question goes to a caseworker (how to report a wrong
 * recipient is answered when no one is named).
 */
export const NAMED_PERSONS_CASE = new RegExp(
  `${NAMED}(?:家的|家|的|那)?(?:吃|吃着|吃上)?(?:低保|特困|救助).{0,6}(?:咋|怎么|为啥|为什么|凭啥|凭什么|批了没|批没批|批下来没|几年)|${NAMED}.{0,14}(?:咋|怎么|为啥|为什么|凭啥|凭什么)(?:就|能|还|还能|还就)?(?:吃上|吃着|办上|办的|批的|评上|吃)的?(?:低保|特困|救助)|${NAMED}.{0,16}(?:低保|特困|救助).{0,4}(?:合理|合法|合规|应该|够格|够条件|公平|对不对|对吗|说得过去)|(?:为啥|为什么|凭啥|凭什么|咋)(?:俺们屯|我们屯|俺们村|我们村|村里|屯里)?${NAMED}.{0,4}(?:就|能|都)?(?:吃上|吃着|办上|评上|吃|有)的?(?:低保|特困|救助)`,
  'u',
);

/**
 * How much someone else gets (隔壁李大哥一个月领多少低保, 邻居家给多少): another household's amount
 * is theirs to tell, never this base's. Someone reporting what a neighbour said (邻居说…) is left alone.
 */
const OTHERS_AMOUNT = new RegExp(
  `(?:(?:隔壁|邻居|邻家|对门|前院|后院)(?!说|讲|告诉|都说|跟)|(?:[${SURNAMES}]${KIN}|${NAMED})(?!说|讲|告诉))[\\u4e00-\\u9fff]{0,10}(?:领|拿|给|吃|得|发|批|补|有)了?(?:多少|几百|几千)|(?:[${SURNAMES}]${KIN}|老[${SURNAMES}]头).{0,16}(?:他|她)(?:那份|家的|的)(?:低保|特困|救助)?钱`,
  'u',
);

/**
 * Medical insurance named as what already paid part of a bill (医保报完还剩老多, 医保能报一部分): the
 * question is about the rest, which the base covers.
 */
const INSURANCE_PAID =
  /(医保|医疗保险|新农合|合作医疗|大病保险)(能|给|才|也|都)?(报完|报了|报销完|报销后|报后|报销以后|报一部分|报销一部分|报剩)/gu;

/** The programs outside the knowledge base a question names, and whether it asks a fact never stated. */
export function outOfScope(question: string): { programs: string[]; neverStated: boolean } {
  const subject = question.replace(INSURANCE_PAID, '');
  return {
    programs: OTHER_PROGRAMS.filter((p) => subject.includes(p)),
    neverStated:
      NEVER_STATED.test(question) ||
      FIGURES_ELSEWHERE.test(question) ||
      NAMED_PERSONS_CASE.test(question) ||
      OTHERS_AMOUNT.test(question) ||
      (ELSEWHERE.test(question) && !question.includes('舒兰')),
  };
}
