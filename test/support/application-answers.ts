import type { ChatDriver } from './chat-driver';

/** Valid GB 11643 numbers (check digits computed; fictional people). */
export const IDS = {
  a: '220283198001010016',
  b: '220283198203040029',
  c: '220283201005060031',
  d: '220283195007070040',
} as const;

/**
 * A complete 低保 application in chat, answer by answer, with what the bot asks next: township
 * 平安镇, two people, wages and a pension, why they apply, serious illness ticked.
 */
export function dibaoAnswers(applicantId: string, spouseId: string): [string, RegExp][] {
  return [
    ['我要申请', /申请哪一项/],
    ['1', /姓名/],
    ['张伟', /身份证/],
    [applicantId, /手机号/],
    ['13904321234', /哪个乡镇/],
    ['平安镇', /哪个村/],
    ['红旗村', /是否住在户口所在/],
    ['是', /几位/],
    ['1', /第1位/],
    [`李娜 妻子 ${spouseId}`, /每月大概有多少收入/],
    ['工资1200，养老金300', /存款/],
    ['5000', /机动车/],
    ['否', /几套住房/],
    ['1', /为什么申请/],
    ['老伴住院了，家里没有劳动力', /这些情况/],
    ['2', /授权/],
    ['同意', /近亲属/],
    ['否', /请核对您的申请/],
  ];
}

/** Fills and submits an application; answers the case id. */
export async function applyInChat(chat: ChatDriver, user: string, applicantId: string, spouseId: string) {
  for (const [answer] of dibaoAnswers(applicantId, spouseId)) await chat.say(user, answer);
  const done = (await chat.say(user, '确认')).join('\n');
  const id = /SQ\d{14}/.exec(done)?.[0];
  if (!id) throw new Error(`application not submitted: ${done}`);
  return id;
}
