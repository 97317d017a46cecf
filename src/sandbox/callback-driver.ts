import { randomBytes } from 'node:crypto';
import { systemClock } from '../core/clock/clock';
import type { WecomCredentials } from '../core/config/load-config';
import { sealCallbackPlaintext } from '../core/wecom/callback/callback-cipher';
import { signCallback } from '../core/wecom/callback/callback-signature';

/** A callback request exactly as WeCom would send it: query string and XML body. */
export interface SealedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
  /** Path and query, ready to append to the service URL. */
  path: string;
}

type Credentials = Pick<WecomCredentials, 'corpId' | 'agentId' | 'token' | 'encodingAesKey'>;

/** Encrypts and signs a decrypted-message XML the way WeCom does (docs/wecom.md §1.3–1.5). */
export function sealCallback(
  credentials: Credentials,
  plaintextXml: string,
  options: { timestamp?: number; nonce?: string; receiveId?: string } = {},
): SealedCallback {
  const timestamp = String(options.timestamp ?? unixNow());
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE(0));
  const encrypted = sealCallbackPlaintext(
    credentials.encodingAesKey,
    plaintextXml,
    options.receiveId ?? credentials.corpId,
  );
  const msg_signature = signCallback(credentials.token, timestamp, nonce, encrypted);
  const body =
    `<xml><ToUserName><![CDATA[${credentials.corpId}]]></ToUserName>` +
    `<AgentID><![CDATA[${credentials.agentId}]]></AgentID>` +
    `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  const query = { msg_signature, timestamp, nonce };
  return { query, body, path: `/wecom/callback?${new URLSearchParams(query).toString()}` };
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Decrypted XML of a text message from `fromUser`. */
export function textMessageXml(
  credentials: Credentials,
  fields: { fromUser: string; content: string; msgId: string; createTime?: number },
): string {
  return (
    `<xml><ToUserName>${cdata(credentials.corpId)}</ToUserName>` +
    `<FromUserName>${cdata(fields.fromUser)}</FromUserName>` +
    `<CreateTime>${fields.createTime ?? unixNow()}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType><Content>${cdata(fields.content)}</Content>` +
    `<MsgId>${cdata(fields.msgId)}</MsgId><AgentID>${credentials.agentId}</AgentID></xml>`
  );
}

/** Decrypted XML of an event (enter_agent, click, template_card_event, ...). */
export function eventXml(
  credentials: Credentials,
  fields: { fromUser: string; event: string; createTime?: number; extra?: Record<string, string> },
): string {
  const extra = Object.entries(fields.extra ?? {})
    .map(([k, v]) => `<${k}>${cdata(v)}</${k}>`)
    .join('');
  return (
    `<xml><ToUserName>${cdata(credentials.corpId)}</ToUserName>` +
    `<FromUserName>${cdata(fields.fromUser)}</FromUserName>` +
    `<CreateTime>${fields.createTime ?? unixNow()}</CreateTime>` +
    `<MsgType>${cdata('event')}</MsgType><Event>${cdata(fields.event)}</Event>${extra}` +
    `<AgentID>${credentials.agentId}</AgentID></xml>`
  );
}

/** Decrypted XML of a photo, voice, video or file message (the media id is what media/get takes). */
export function mediaMessageXml(
  credentials: Credentials,
  fields: {
    fromUser: string;
    msgType: 'image' | 'voice' | 'video' | 'file';
    mediaId: string;
    msgId: string;
    createTime?: number;
  },
): string {
  const extra =
    fields.msgType === 'image'
      ? `<PicUrl>${cdata(`https://wework.qpic.cn/sandbox/${fields.mediaId}`)}</PicUrl>`
      : fields.msgType === 'voice'
        ? `<Format>${cdata('amr')}</Format>`
        : '';
  return (
    `<xml><ToUserName>${cdata(credentials.corpId)}</ToUserName>` +
    `<FromUserName>${cdata(fields.fromUser)}</FromUserName>` +
    `<CreateTime>${fields.createTime ?? unixNow()}</CreateTime>` +
    `<MsgType>${cdata(fields.msgType)}</MsgType>${extra}<MediaId>${cdata(fields.mediaId)}</MediaId>` +
    `<MsgId>${cdata(fields.msgId)}</MsgId><AgentID>${credentials.agentId}</AgentID></xml>`
  );
}

/** WeCom stamps callbacks with its own (real) time; a test on another clock passes its own. */
function unixNow(): number {
  return Math.floor(systemClock().getTime() / 1000);
}
