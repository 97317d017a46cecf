import type http from 'node:http';
import { type ApiRequest, type ApiResult, isBinaryReply, type Route } from './api-route';
import { wecomError } from './errcodes';
import type { FakeState } from './fake-state';
import type { RecordedCall } from './fake-types';
import type { Fault, FaultInjector } from './fault-injector';
import { readBody, sleep, writeResult, writeText } from './http-io';
import { MAX_UPLOAD_BYTES } from './media-store';

/** What a malformed answer looks like: JSON cut off mid-way, as a broken proxy would deliver it. */
const MALFORMED_JSON = '{"errcode":0,"errmsg":"ok","msgid":';

const keyOf = (method: string, path: string) => `${method} ${path}`;

/**
 * The HTTP pipeline of the fake: outage → body → call log → latency → scripted fault → global
 * rate limit → route → access_token check → handler. Sandbox routes skip everything but the
 * handler, so tooling keeps working during fault tests.
 */
export function createRequestHandler(
  state: FakeState,
  faults: FaultInjector,
  apiRoutes: Route[],
  toolRoutes: Route[],
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const api = new Map(apiRoutes.map((route) => [keyOf(route.method, route.path), route]));
  const tools = new Map(toolRoutes.map((route) => [keyOf(route.method, route.path), route]));

  return async (req, res) => {
    if (faults.isDown) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    const request: ApiRequest = {
      url,
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
      now: state.now(),
    };

    const tool = tools.get(keyOf(method, path));
    if (tool && !tool.auth) {
      writeResult(res, await tool.handle(request));
      return;
    }

    const call: RecordedCall = { method, path, at: request.now, status: 200, outcome: 'answered' };
    state.calls.push(call);
    if (path === '/cgi-bin/gettoken') state.tokens.calls += 1;
    const delay = faults.latencyOf(path);
    if (delay > 0) await sleep(delay);
    if (faults.isDown) {
      call.outcome = 'reset';
      req.socket.destroy();
      return;
    }
    const fault = faults.take(path);
    if (fault) {
      applyFault(fault, call, req, res);
      return;
    }

    const route = api.get(keyOf(method, path));
    const result = route ? await answer(route, request, body === undefined) : notEmulated(path);
    call.errcode = isBinaryReply(result) ? undefined : result.errcode;
    call.status = route ? 200 : 404;
    writeResult(res, result, call.status);
  };

  async function answer(route: Route, request: ApiRequest, tooLarge: boolean): Promise<ApiResult> {
    const limited = faults.rateLimited(request.now.getTime());
    if (limited) return limited;
    if (tooLarge) return wecomError(40006, 'request body too large');
    try {
      if (!route.auth) return await route.handle(request);
      const token = state.tokens.check(request.url.searchParams.get('access_token'));
      if (!token.ok) return token.reply;
      return await route.handle({ ...request, app: token.app });
    } catch (error) {
      return wecomError(-1, error instanceof Error ? error.message : String(error));
    }
  }
}

const notEmulated = (path: string): ApiResult => ({
  errcode: 404,
  errmsg: `fake WeCom: ${path} is not emulated`,
});

function applyFault(
  fault: Fault,
  call: RecordedCall,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  switch (fault.kind) {
    case 'reset':
      call.outcome = 'reset';
      req.socket.destroy();
      return;
    case 'http':
      call.outcome = 'http_error';
      call.status = fault.status;
      writeText(res, fault.status, `<html><body>${fault.status}</body></html>`, 'text/html');
      return;
    case 'malformed':
      call.outcome = 'malformed';
      writeText(res, 200, MALFORMED_JSON, 'application/json; charset=UTF-8');
      return;
    case 'errcode':
      call.errcode = fault.reply.errcode;
      writeResult(res, fault.reply);
      return;
  }
}
