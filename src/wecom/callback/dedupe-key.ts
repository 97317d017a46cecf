import { type InboundMessage, isEvent } from './inbound-message-schema';

/**
 * The key a redelivery shares with its original (WECOM.md §1.9): MsgId for messages; for events,
 * which have none, every field that tells two real events of one second apart.
 */
export function dedupeKeyOf(message: InboundMessage): string {
  if (!isEvent(message)) return `app:msg:${String(message.MsgId)}`;
  const parts = [
    message.FromUserName,
    message.CreateTime,
    message.Event,
    message.EventKey ?? '',
    message.TaskId ?? '',
    message.ResponseCode ?? '',
    message.AgentID ?? '',
  ];
  return `app:evt:${parts.map((p) => encodeURIComponent(p)).join('|')}`;
}
