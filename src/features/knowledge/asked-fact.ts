import type { FactKind } from './passage';

/**
 * How a question asks for each kind of fact, in standard Mandarin and in the Northeastern speech of
 * Shulan (啥时候, 多咱, 上哪, 找谁). Input vocabulary, matched on the question as written; the kinds
 * a passage states are in its front matter (`states`).
 */
const CUES: Readonly<Record<FactKind, RegExp>> = {
  amount:
    /[报补给发领拿罚赔涨少减扣差]多少|有补贴|有补助|给补贴|给补助|有啥补助|有什么补助|有啥补贴|有什么补贴|多少钱|多少块|(?<![好老很许挺])多钱|[给补发领拿批]个?几(百|千|万)|几(百|千)块?还是|给多少|补多少|罚多少|领多少|拿多少|发多少|能有多少|最多多少|最多给|额度(是|有)?多|多大额度|上限|封顶|多少元|标准是多少|标准多少|标准.{0,6}是多少|超过多少|超出多少|多少以下|多少以内|多少以上|(月|年)能?[给发领拿补]?多少(?![天次回人个项样件份户])/,
  duration:
    /多久|多长时间|多长|时间限制|多少天|(?<![那这前头过好])(几天|几个工作日|几个月|几年)|多少个工作日|多少个月|多少年|多会儿|期限|时限|一直拖|拖多|[按算]前几(天|个月|年)/,
  people: /几个人|多少人|几人|多少个人|来几个|几位|几口/,
  times: /(?<![好分])(几次|几回|多少次|多少回|几趟)/,
  items: /几项|几样|几件|几级|几档|几种|几类/,
  when: /什么时候|啥时候|啥时|多咱|哪天|几号|何时|多会/,
  month: /哪个月|哪一个月|几月|哪月/,
  place: /哪里|哪儿|在哪|去哪|上哪|到哪(?!一步|步)|哪个部门|什么地方|啥地方|哪个地方|哪旮|打哪/,
  person: /找谁|谁|哪个部门|哪个单位/,
  list: /哪些|啥材料|什么材料|带啥|带什么|拿啥|拿什么|要啥|都有啥|都包括|包括啥|包括什么|都看|都算/,
  yesno:
    /能不能|可不可以|是不是|会不会|要不要|用不用|行不行|算不算|有没有|给不给|够不够|必须|非得|一定要|[吗不么嘛]$|能.{0,12}[吗不]|可以.{0,8}[吗不]/,
  how: /怎么|咋|如何|啥流程|什么流程|手续/,
};

/** Kinds that name one specific fact: a passage that states none of them does not answer. */
const SPECIFIC: readonly FactKind[] = [
  'amount',
  'duration',
  'people',
  'times',
  'items',
  'when',
  'month',
  'place',
  'person',
];

/**
 * Kinds a resident uses for one another: 找谁 is answered by a place, 去哪 by an office, 啥时候 by
 * a length of time or a month. Which month (哪个月) is answered by a month only: “within 30 working
 * days” does not say it.
 */
const SAME: Partial<Record<FactKind, readonly FactKind[]>> = {
  place: ['place', 'person'],
  person: ['person', 'place'],
  when: ['when', 'duration', 'month'],
  duration: ['duration'],
};

/**
 * How often (多久查一次, 隔多长时间评一回, 一年几回): a number of times in a period, not a length of
 * time. A passage saying how long one check takes does not answer it.
 */
const HOW_OFTEN =
  /(多久|多长时间|多长|几年|几个月|多少天|几天).{0,6}(一次|一回|一趟)|隔(多久|多长时间|几年|几个月)|(一年|每年|一个月|每月|每个月).{0,4}(几次|几回|几趟|多少次|多少回)/;

/**
 * A figure that is what a notice shows, not what is asked (公示会写俺家几口人吗, 会不会公开多少钱):
 * the question asks whether it is shown.
 */
const SHOWN_FIGURE =
  /(写|写上|写着|公开|公布|公示|显示|登记|贴)(俺家|我家|家里|我们家|咱家)?的?(几口人|多少钱|多少|几个人)/gu;

/**
 * A sum that is what gets checked, not what is asked (会不会查俺卡里有多少钱, 咋知道俺存了多少钱):
 * the question asks whether or how it is checked.
 */
const CHECKED_SUM =
  /(查|核对|知道|查到|查着|查出|看到)([^，。？?]{0,8}?)(有|存了|存着|挣了|挣)多少(钱|存款)?/gu;

/** The kinds of fact a question asks for (several when it asks several). */
export function askedFacts(question: string): FactKind[] {
  const text = question
    .replace(/[\s。.!！?？~～，,、]+$/u, '')
    .replace(/\s+/gu, ' ')
    .replace(SHOWN_FIGURE, '$1')
    .replace(CHECKED_SUM, '$1$2');
  const kinds = (Object.keys(CUES) as FactKind[]).filter((k) => CUES[k].test(text));
  if (!HOW_OFTEN.test(text)) return kinds;
  return [...new Set([...kinds.filter((k) => k !== 'duration'), 'times' as const])];
}

/** Kinds a passage must state to answer: numbers and moments. A place or person asked only favours. */
const REQUIRED: readonly FactKind[] = ['amount', 'duration', 'people', 'times', 'items', 'when', 'month'];

/**
 * Whether a passage states the specific fact a question asks for: `undefined` when the question
 * asks for no specific fact (only yes/no, a list, a way), else true or false. A missing place or
 * person is `undefined` rather than false: 找谁 is often answered by what to do.
 */
export function statesAskedFact(
  asked: readonly FactKind[],
  states: readonly FactKind[],
): boolean | undefined {
  const specific = asked.filter((k) => SPECIFIC.includes(k));
  if (specific.length === 0) return undefined;
  if (specific.some((k) => (SAME[k] ?? [k]).some((s) => states.includes(s)))) return true;
  return specific.some((k) => REQUIRED.includes(k)) ? false : undefined;
}
