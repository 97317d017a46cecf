import { z } from 'zod';
import type { KfMessage } from '../wecom/api/api-schemas';
import { type InboundMessage, inboundMessageSchema } from '../wecom/callback/inbound-message-schema';

/** Message origins in sync_msg (docs/wecom.md §3.3): only 3 is a resident; 4 carries system events. */
const RESIDENT = 3;
const SYSTEM_EVENT = 4;

const kfText = z.object({ content: z.string(), menu_id: z.string().optional() });
const kfMedia = z.object({ media_id: z.string() });
const kfEvent = z.looseObject({
  event_type: z.string(),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  welcome_code: z.string().optional(),
  scene: z.string().optional(),
});

/**
 * A pulled 微信客服 message in the shape app callbacks have, so handlers serve both channels
 * alike: a resident's message (origin 3) or an `enter_session` event; anything else (servicer
 * messages, other system events) is not a conversation turn and gives `undefined`.
 */
export function normaliseKfMessage(m: KfMessage, corpId: string): InboundMessage | undefined {
  const common = {
    ToUserName: corpId,
    CreateTime: String(m.send_time),
    MsgId: m.msgid,
    OpenKfId: m.open_kfid,
  };
  if (m.origin === SYSTEM_EVENT && m.msgtype === 'event') {
    const event = kfEvent.safeParse(m.event);
    if (!event.success || event.data.event_type !== 'enter_session' || !event.data.external_userid)
      return undefined;
    return inboundMessageSchema.parse({
      ...common,
      OpenKfId: event.data.open_kfid ?? m.open_kfid,
      FromUserName: event.data.external_userid,
      MsgType: 'event',
      Event: 'enter_session',
      ...(event.data.welcome_code ? { WelcomeCode: event.data.welcome_code } : {}),
      ...(event.data.scene ? { Scene: event.data.scene } : {}),
    });
  }
  if (m.origin !== RESIDENT || !m.external_userid) return undefined;
  const base = { ...common, FromUserName: m.external_userid, MsgType: m.msgtype };
  if (m.msgtype === 'text') {
    const text = kfText.safeParse(m.text);
    if (!text.success) return undefined;
    return inboundMessageSchema.parse({ ...base, Content: text.data.content, MenuId: text.data.menu_id });
  }
  const media = kfMedia.safeParse((m as Record<string, unknown>)[m.msgtype]);
  return inboundMessageSchema.parse(
    media.success ? { ...base, MediaId: media.data.media_id } : { ...base, MsgType: `kf_${m.msgtype}` },
  );
}
