import { type AuthedRequest, parseJsonBody, type Route } from './api-route';
import { wecomError, wecomOk } from './errcodes';
import type { FakeState } from './fake-state';
import type { WecomReply } from './fake-types';
import { checkMessagePayload, KF_EVENT_MSGTYPES, KF_MSGTYPES } from './message-content';
import { newMsgid } from './message-routes';
import { kfSendBody, kfSendOnEventBody, kfSyncBody } from './request-schemas';

const CALLER_MSGID = /^[0-9a-zA-Z_-]{1,32}$/;

function syncMsg(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, kfSyncBody);
  if (!parsed.ok) return parsed.reply;
  const { open_kfid: openKfid } = parsed.value;
  if (openKfid !== undefined && !state.knowsKfAccount(openKfid)) return wecomError(95000, openKfid);
  return state.kfQueue.sync(parsed.value);
}

function sendMsg(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, kfSendBody);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  if (!state.knowsKfAccount(body.open_kfid)) return wecomError(95000, String(body.open_kfid));
  if (!body.touser) return wecomError(40058, 'missing touser');
  if (body.msgid !== undefined && !CALLER_MSGID.test(body.msgid)) return wecomError(40058, 'invalid msgid');
  const refused = checkMessagePayload(body, body.msgtype, KF_MSGTYPES, state.media);
  if (refused) return refused;
  const msgid = body.msgid ?? newMsgid();
  const notAdmitted = state.kfWindow.admit(body.open_kfid, body.touser, msgid);
  if (notAdmitted) return notAdmitted;
  state.sent.push({
    path: req.url.pathname,
    body: parsed.raw,
    at: req.now,
    msgtype: body.msgtype ?? '',
    recipients: [body.touser],
    droppedFor: [],
    dropped: false,
    msgid,
    openKfid: body.open_kfid,
  });
  return wecomOk({ msgid });
}

function sendMsgOnEvent(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, kfSendOnEventBody);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  if (!body.code) return wecomError(40058, 'missing code');
  if (body.msgid !== undefined && !CALLER_MSGID.test(body.msgid)) return wecomError(40058, 'invalid msgid');
  const refused = checkMessagePayload(body, body.msgtype, KF_EVENT_MSGTYPES, state.media);
  if (refused) return refused;
  const code = state.kfWindow.checkEventCode(body.code);
  if (!code.ok) return code.reply;
  const msgid = body.msgid ?? newMsgid();
  const taken = state.kfWindow.msgidTaken(code.openKfid, msgid);
  if (taken) return taken;
  state.kfWindow.useEventCode(body.code);
  state.kfWindow.reserveMsgid(code.openKfid, msgid);
  state.sent.push({
    path: req.url.pathname,
    body: parsed.raw,
    at: req.now,
    msgtype: body.msgtype ?? '',
    recipients: [code.externalUserId],
    droppedFor: [],
    dropped: false,
    msgid,
    openKfid: code.openKfid,
  });
  return wecomOk({ msgid });
}

/** 微信客服 endpoints (docs/wecom.md §3.3–3.6). */
export function kfRoutes(state: FakeState): Route[] {
  return [
    { method: 'POST', path: '/cgi-bin/kf/sync_msg', auth: true, handle: (req) => syncMsg(state, req) },
    { method: 'POST', path: '/cgi-bin/kf/send_msg', auth: true, handle: (req) => sendMsg(state, req) },
    {
      method: 'POST',
      path: '/cgi-bin/kf/send_msg_on_event',
      auth: true,
      handle: (req) => sendMsgOnEvent(state, req),
    },
  ];
}
