import { asObject, utf8Bytes } from './api-route';
import { wecomError } from './errcodes';
import type { WecomReply } from './fake-types';
import type { MediaStore } from './media-store';
import { contentPayload, mediaPayload, msgmenuPayload } from './request-schemas';

/** msgtypes of message/send (docs/wecom.md §2.3). */
export const APP_MSGTYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'voice',
  'video',
  'file',
  'textcard',
  'news',
  'mpnews',
  'markdown',
  'miniprogram_notice',
  'template_card',
]);

/** msgtypes of appchat/send (docs/wecom.md §2.9). */
export const APPCHAT_MSGTYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'voice',
  'video',
  'file',
  'textcard',
  'news',
  'mpnews',
  'markdown',
]);

/** msgtypes of kf/send_msg (docs/wecom.md §3.4). */
export const KF_MSGTYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'voice',
  'video',
  'file',
  'link',
  'miniprogram',
  'msgmenu',
  'location',
  'ca_link',
]);

/** kf/send_msg_on_event accepts only these (docs/wecom.md §3.6). */
export const KF_EVENT_MSGTYPES: ReadonlySet<string> = new Set(['text', 'msgmenu']);

const MAX_TEXT_BYTES = 2048;
const MEDIA_TYPES: ReadonlySet<string> = new Set(['image', 'voice', 'video', 'file']);

/**
 * Checks the payload object named by `msgtype` the way WeCom does: 40008 for a msgtype the
 * endpoint does not take, 44004/45002 for empty or over-2048-byte text, 40007 for media_ids
 * that are unknown or expired, 45008 for news sizes, msgmenu limits. template_card is checked
 * by the message/send handler, which also needs the card registry.
 */
export function checkMessagePayload(
  body: Record<string, unknown>,
  msgtype: string | undefined,
  allowed: ReadonlySet<string>,
  media: MediaStore,
): WecomReply | undefined {
  if (msgtype === undefined || !allowed.has(msgtype)) return wecomError(40008, String(msgtype));
  if (msgtype === 'template_card') return undefined;
  const payload = asObject(body[msgtype]);
  if (msgtype === 'text' || msgtype === 'markdown') {
    const content = payload ? contentPayload.safeParse(payload).data?.content : undefined;
    if (!content) return wecomError(44004);
    if (utf8Bytes(content) > MAX_TEXT_BYTES) return wecomError(45002, `${utf8Bytes(content)} bytes`);
    return undefined;
  }
  if (!payload) return wecomError(40058, `missing ${msgtype}`);
  if (MEDIA_TYPES.has(msgtype)) {
    const mediaId = mediaPayload.safeParse(payload).data?.media_id;
    if (!mediaId) return wecomError(41006);
    const stored = media.find(mediaId);
    if (!stored || stored.type !== msgtype) return wecomError(40007, mediaId);
    return undefined;
  }
  if (msgtype === 'news') {
    const articles = payload.articles;
    if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) return wecomError(45008);
    return undefined;
  }
  if (msgtype === 'msgmenu') return checkMsgmenu(payload);
  return undefined;
}

function checkMsgmenu(payload: Record<string, unknown>): WecomReply | undefined {
  const parsed = msgmenuPayload.safeParse(payload);
  if (!parsed.success) return wecomError(40058, 'msgmenu');
  const { head_content = '', tail_content = '', list = [] } = parsed.data;
  if (utf8Bytes(head_content) > 1024 || utf8Bytes(tail_content) > 1024) return wecomError(45002, 'msgmenu');
  if (list.length < 1 || list.length > 10) return wecomError(40058, 'msgmenu.list must have 1-10 items');
  for (const item of list) {
    if (item.type !== 'click') continue;
    const click = item.click;
    if (!click || utf8Bytes(click.id) < 1 || utf8Bytes(click.id) > 64 || utf8Bytes(click.content) > 128) {
      return wecomError(40058, 'msgmenu click item');
    }
  }
  return undefined;
}
