import { randomBytes } from 'node:crypto';
import type { KfMessage } from './kf-queue';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const newKfMsgid = () => `from_msgid_${randomBytes(12).toString('hex')}`;

/** A resident's text as sync_msg serves it: origin 3 (docs/wecom.md §3.3). */
export function residentTextMessage(fields: {
  openKfid: string;
  externalUserId: string;
  content: string;
  sendTime: Date;
  msgid?: string;
  /** Set when the text came from a click on a msgmenu item. */
  menuId?: string;
}): KfMessage {
  return {
    msgid: fields.msgid ?? newKfMsgid(),
    open_kfid: fields.openKfid,
    external_userid: fields.externalUserId,
    send_time: unixSeconds(fields.sendTime),
    origin: 3,
    msgtype: 'text',
    text: { content: fields.content, ...(fields.menuId === undefined ? {} : { menu_id: fields.menuId }) },
  };
}

/**
 * A system event (origin 4, msgtype event) such as enter_session or msg_send_fail; the account
 * and user live inside `event`, not at the top level.
 */
export function kfEventMessage(
  event: { event_type: string } & Record<string, unknown>,
  sendTime: Date,
  msgid?: string,
): KfMessage {
  return {
    msgid: msgid ?? newKfMsgid(),
    send_time: unixSeconds(sendTime),
    origin: 4,
    msgtype: 'event',
    event,
  };
}
