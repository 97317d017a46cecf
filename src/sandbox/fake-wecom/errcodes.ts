import type { WecomReply } from './fake-types';

/** IP the fake claims the caller used, in 60020 answers (the real errmsg names it: docs/wecom.md §2.10). */
export const FAKE_CALLER_IP = '1.2.3.4';

/** errmsg texts close to what WeCom answers; clients must branch on errcode, never errmsg. */
const MESSAGES: Record<number, string> = {
  [-1]: 'system busy',
  0: 'ok',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid file size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40011: 'invalid video size',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40032: 'invalid userid list size',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  41001: 'access_token missing',
  41006: 'media_id missing',
  41008: 'missing oauth code',
  41011: 'missing agentid',
  42001: 'access_token expired',
  42015: 'app of the update does not match the app that sent the message',
  42020: 'missing button name',
  42022: 'code has been used',
  44001: 'empty media data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45008: 'article size out of limit',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error, Warning: wrong json format.',
  48002: 'api forbidden',
  50100: 'invalid cursor',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: `not allow to access from your ip, hint: [fake], from ip: ${FAKE_CALLER_IP}, more info at https://open.work.weixin.qq.com/devtool/query?e=60020`,
  81013: 'user & party & tag all invalid',
  82001: 'all user & party & tag empty',
  86001: 'invalid chatid',
  86003: 'chatid not found',
  86004: 'invalid chat name',
  86006: 'invalid chat member count',
  86007: 'invalid chat member',
  86008: 'chat not created by this app',
  86207: 'chat owner not in member list',
  86215: 'chatid already exists',
  95000: 'invalid open_kfid',
  95001: 'send msg count limit exceeded',
  95002: 'send msg time limit exceeded',
  301002: 'access_token and agentid mismatch',
};

/**
 * Codes the fake had to choose because no source pins them down (docs/wecom.md §2.6, §3.4, §3.6);
 * exported so tests and clients name them instead of repeating magic numbers.
 */
export const FAKE_CHOSEN_ERRCODES = {
  /** message/send with a task_id this app already used: "invalid parameter". */
  duplicateTaskId: 40058,
  /** update_template_card with a response_code the fake never issued, or one past its lifetime. */
  unknownResponseCode: 40058,
  expiredResponseCode: 40058,
  /** update_template_card with a response_code consumed before (42022 "code has been used"). */
  usedResponseCode: 42022,
  /** kf/send_msg reusing a caller-supplied msgid on the same account. */
  duplicateKfMsgid: 40058,
  /** kf/sync_msg with a Token never issued or older than 10 minutes. */
  invalidKfToken: 40058,
  /** kf/send_msg_on_event with an unknown, used or expired code. */
  invalidKfEventCode: 40058,
} as const;

/** A WeCom error answer; `detail` is appended to the errmsg to say what the fake disliked. */
export function wecomError(errcode: number, detail?: string): WecomReply {
  const base = MESSAGES[errcode] ?? `error ${errcode}`;
  return { errcode, errmsg: detail ? `${base}: ${detail}` : base };
}

/** The success envelope plus endpoint fields. */
export function wecomOk(fields: Record<string, unknown> = {}): WecomReply {
  return { errcode: 0, errmsg: 'ok', ...fields };
}
