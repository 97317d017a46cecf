import { createHash } from 'node:crypto';
import { type InboundMessage, isEvent } from './inbound-message-schema';

/**
 * The key a redelivery shares with its original (docs/wecom.md §1.9). Messages: MsgId. Events have
 * none; FromUserName+CreateTime+Event+EventKey+TaskId+ResponseCode+AgentID still collide for real
 * events (change_contact differing only in ChangeType/UserID, batch_job_result, LOCATION), so the
 * key ends with a hash of every field: a redelivery is identical, two real events are not.
 */
export function dedupeKeyOf(message: InboundMessage): string {
  if (!isEvent(message)) return `app:msg:${String(message.MsgId)}`;
  const parts = [
    message.FromUserName ?? '',
    message.CreateTime,
    message.Event,
    message.EventKey ?? '',
    message.TaskId ?? '',
    message.ResponseCode ?? '',
    message.AgentID ?? '',
  ];
  const readable = parts.map((p) => encodeURIComponent(p)).join('|');
  // A long EventKey (up to 1,024 characters, ~9 KB once encoded) would overflow the unique
  // index's row limit (2,704 bytes): such keys keep their meaning as a hash of the same parts.
  const head = readable.length <= MAX_READABLE_KEY ? readable : `h:${sha256(readable)}`;
  return `app:evt:${head}|${fieldsHash(message)}`;
}

const MAX_READABLE_KEY = 512;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function fieldsHash(message: InboundMessage): string {
  return createHash('sha256').update(canonicalJson(message)).digest('base64url').slice(0, 22);
}

/** JSON with object keys sorted at every level, so equal content hashes equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
