import { z } from 'zod';
import { type ApiRequest, parseJsonBody, type Route } from './api-route';
import { wecomError, wecomOk } from './errcodes';
import type { FakeState } from './fake-state';
import type { WecomReply } from './fake-types';
import { sandboxResponseCodeBody } from './request-schemas';

/**
 * `GET /sandbox/sent?after=N[&dropped=1][&updatesAfter=M]`: what the product sent, and the card
 * updates it made (a greyed button shows the answer), for `npm run chat` to print.
 */
function sentFeed(state: FakeState, req: ApiRequest): WecomReply {
  const after = Number(req.url.searchParams.get('after') ?? 0) || 0;
  const updatesAfter = Number(req.url.searchParams.get('updatesAfter') ?? 0) || 0;
  const withDropped = req.url.searchParams.get('dropped') === '1';
  const sent = state.sent.slice(after).filter((send) => withDropped || !send.dropped);
  const updates = state.cardUpdates
    .slice(updatesAfter)
    .map((u) => ({ taskId: u.taskId, userids: u.userids, replaceName: u.replaceName ?? null }));
  return { ...wecomOk(), next: state.sent.length, sent, nextUpdate: state.cardUpdates.length, updates };
}

/**
 * `POST /sandbox/response-code {task_id}`: mints the response code a real click would carry, so
 * a process without access to the fake object (e.g. `npm run chat`) can press a card button.
 */
function responseCode(state: FakeState, req: ApiRequest): WecomReply {
  const parsed = parseJsonBody(req.body, sandboxResponseCodeBody);
  if (!parsed.ok) return parsed.reply;
  const task = state.cards.findTask(parsed.value.task_id);
  if (!task) return wecomError(40058, `no card was sent with task_id ${parsed.value.task_id}`);
  const code = state.cards.issueResponseCode(task.agentId, task.taskId);
  return wecomOk({ response_code: code, card_type: task.cardType });
}

const clockBody = z.object({
  advance_ms: z
    .number()
    .int()
    .positive()
    .max(400 * 24 * 3600 * 1000),
});

/**
 * `GET /sandbox/clock`: the sandbox's time; `POST /sandbox/clock {advance_ms}` moves it forward
 * (sandbox mode only: the fake in tests has no clock control and answers 60020).
 */
function readClock(state: FakeState): WecomReply {
  return wecomOk({ now: state.now().toISOString() });
}

function advanceClock(state: FakeState, req: ApiRequest): WecomReply {
  if (!state.clockControl) return wecomError(60020, 'clock control is off');
  const parsed = parseJsonBody(req.body, clockBody);
  if (!parsed.ok) return parsed.reply;
  return wecomOk({ now: state.clockControl.advance(parsed.value.advance_ms).toISOString() });
}

/** Non-WeCom endpoints for sandbox tooling; never faulted, counted or token-checked. */
export function sandboxRoutes(state: FakeState): Route[] {
  return [
    { method: 'GET', path: '/sandbox/sent', auth: false, handle: (req) => sentFeed(state, req) },
    { method: 'GET', path: '/sandbox/clock', auth: false, handle: () => readClock(state) },
    { method: 'POST', path: '/sandbox/clock', auth: false, handle: (req) => advanceClock(state, req) },
    {
      method: 'POST',
      path: '/sandbox/response-code',
      auth: false,
      handle: (req) => responseCode(state, req),
    },
  ];
}
