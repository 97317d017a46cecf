import { type AuthedRequest, parseJsonBody, type Route } from './api-route';
import { wecomOk } from './errcodes';
import type { FakeState } from './fake-state';
import type { WecomReply } from './fake-types';
import { APPCHAT_MSGTYPES, checkMessagePayload } from './message-content';
import { appchatCreateBody, appchatSendBody } from './request-schemas';

function create(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, appchatCreateBody);
  return parsed.ok ? state.chats.create(req.app.agentId, parsed.value) : parsed.reply;
}

function get(state: FakeState, req: AuthedRequest): WecomReply {
  const chat = state.chats.find(req.url.searchParams.get('chatid') ?? undefined, req.app.agentId);
  if ('errcode' in chat) return chat;
  const { chatid, name, owner, userlist } = chat;
  return wecomOk({ chat_info: { chatid, name, owner, userlist } });
}

function send(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, appchatSendBody);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  const chat = state.chats.find(body.chatid, req.app.agentId);
  if ('errcode' in chat) return chat;
  const refused = checkMessagePayload(body, body.msgtype, APPCHAT_MSGTYPES, state.media);
  if (refused) return refused;
  state.sent.push({
    path: req.url.pathname,
    body: parsed.raw,
    at: req.now,
    msgtype: body.msgtype ?? '',
    recipients: [...chat.userlist],
    droppedFor: [],
    dropped: false,
    chatid: chat.chatid,
  });
  return wecomOk();
}

/** App group chats (docs/wecom.md §2.9): create, get and send; a chat belongs to the app that made it. */
export function appchatRoutes(state: FakeState): Route[] {
  return [
    { method: 'POST', path: '/cgi-bin/appchat/create', auth: true, handle: (req) => create(state, req) },
    { method: 'GET', path: '/cgi-bin/appchat/get', auth: true, handle: (req) => get(state, req) },
    { method: 'POST', path: '/cgi-bin/appchat/send', auth: true, handle: (req) => send(state, req) },
  ];
}
