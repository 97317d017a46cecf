import { randomBytes } from 'node:crypto';
import { type AuthedRequest, asObject, checkAgentId, parseJsonBody, type Route } from './api-route';
import { CARD_TYPES, INTERACTIVE_CARD_TYPES, TASK_ID } from './card-registry';
import { FAKE_CHOSEN_ERRCODES, wecomError, wecomOk } from './errcodes';
import type { FakeState } from './fake-state';
import type { FakeApp, WecomReply } from './fake-types';
import { APP_MSGTYPES, checkMessagePayload } from './message-content';
import { messageSendBody, templateCardPayload, updateTemplateCardBody } from './request-schemas';

const splitIds = (value: string | undefined): string[] =>
  (value ?? '')
    .split('|')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/** A WeCom-looking msgid (needed for recall). */
export const newMsgid = (): string => randomBytes(24).toString('base64url');

interface CardToSend {
  cardType: string;
  taskId?: string;
}

/** template_card checks of message/send: card_type, task_id format and uniqueness, buttons. */
function checkCard(state: FakeState, app: FakeApp, value: unknown): CardToSend | WecomReply {
  const parsed = templateCardPayload.safeParse(asObject(value));
  if (!parsed.success) return wecomError(40058, 'missing or malformed template_card');
  const { card_type: cardType, task_id: taskId, button_list: buttons } = parsed.data;
  if (!cardType || !CARD_TYPES.has(cardType)) return wecomError(40058, `invalid card_type ${cardType}`);
  const interactive = INTERACTIVE_CARD_TYPES.has(cardType);
  if (interactive && taskId === undefined) return wecomError(40058, 'task_id is required for this card_type');
  if (taskId !== undefined && !TASK_ID.test(taskId)) return wecomError(40058, 'invalid task_id');
  if (taskId !== undefined && state.cards.hasTask(app.agentId, taskId)) {
    return wecomError(FAKE_CHOSEN_ERRCODES.duplicateTaskId, `task_id ${taskId} already used`);
  }
  if (cardType === 'button_interaction' && (!buttons || buttons.length < 1 || buttons.length > 6)) {
    return wecomError(40058, 'button_list must have 1-6 buttons');
  }
  return { cardType, taskId };
}

/** POST /cgi-bin/message/send (docs/wecom.md §2.3–2.5). */
function messageSend(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, messageSendBody);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  const refused =
    checkAgentId(req.app, body.agentid) ?? checkMessagePayload(body, body.msgtype, APP_MSGTYPES, state.media);
  if (refused) return refused;
  const msgtype = body.msgtype ?? '';
  const card = msgtype === 'template_card' ? checkCard(state, req.app, body.template_card) : undefined;
  if (card && 'errcode' in card) return card;

  const users = splitIds(body.touser);
  if (users.length > 1000) return wecomError(40032);
  const groups = [...splitIds(body.toparty), ...splitIds(body.totag)];
  if (users.length === 0 && groups.length === 0) return wecomError(82001);
  const everyone = users.includes('@all');
  const valid = everyone ? [...(state.members ?? ['@all'])] : users.filter((id) => state.isMember(id));
  const invalid = everyone ? [] : users.filter((id) => !state.isMember(id)).map((id) => id.toLowerCase());
  if (valid.length === 0 && groups.length === 0) return wecomError(81013);

  const droppedFor: string[] = [];
  for (const userId of valid) {
    if (userId !== '@all' && !state.limiter.tryDeliver(req.app.agentId, userId, req.now.getTime())) {
      droppedFor.push(userId);
    }
  }
  const msgid = newMsgid();
  let responseCode: string | undefined;
  if (card?.taskId !== undefined) {
    state.cards.registerTask(req.app.agentId, card.taskId, card.cardType);
    if (INTERACTIVE_CARD_TYPES.has(card.cardType)) {
      responseCode = state.cards.issueResponseCode(req.app.agentId, card.taskId);
    }
  }
  state.sent.push({
    path: req.url.pathname,
    body: parsed.raw,
    at: req.now,
    msgtype,
    recipients: valid,
    droppedFor,
    dropped: groups.length === 0 && valid.length > 0 && droppedFor.length === valid.length,
    msgid,
  });
  return wecomOk({
    invaliduser: invalid.join('|'),
    invalidparty: '',
    invalidtag: '',
    unlicenseduser: '',
    msgid,
    ...(responseCode === undefined ? {} : { response_code: responseCode }),
  });
}

/** POST /cgi-bin/message/update_template_card (docs/wecom.md §2.6). */
function updateTemplateCard(state: FakeState, req: AuthedRequest): WecomReply {
  const parsed = parseJsonBody(req.body, updateTemplateCardBody);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  const agentError = checkAgentId(req.app, body.agentid);
  if (agentError) return agentError;
  if (!body.response_code) return wecomError(40058, 'missing response_code');
  if (!body.button && !body.template_card) return wecomError(40058, 'button or template_card is required');
  if (body.button && !body.button.replace_name) return wecomError(42020);
  const cardType = body.template_card?.card_type;
  if (body.template_card && (typeof cardType !== 'string' || !CARD_TYPES.has(cardType))) {
    return wecomError(40058, 'invalid template_card.card_type');
  }
  const use = state.cards.consume(body.response_code, req.app.agentId);
  if (!use.ok) return use.reply;
  const userids = body.userids ?? [];
  state.cardUpdates.push({
    at: req.now,
    agentId: req.app.agentId,
    responseCode: body.response_code,
    taskId: use.taskId,
    userids,
    atall: body.atall === 1,
    replaceName: body.button?.replace_name,
    templateCard: body.template_card,
    body: parsed.raw,
  });
  return wecomOk({ invaliduser: userids.filter((id) => !state.isMember(id)).map((id) => id.toLowerCase()) });
}

/** The message endpoints of a self-built app. */
export function messageRoutes(state: FakeState): Route[] {
  return [
    { method: 'POST', path: '/cgi-bin/message/send', auth: true, handle: (req) => messageSend(state, req) },
    {
      method: 'POST',
      path: '/cgi-bin/message/update_template_card',
      auth: true,
      handle: (req) => updateTemplateCard(state, req),
    },
  ];
}
