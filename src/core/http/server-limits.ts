import http from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection may take and how many there may be (README, Configuration). */
export interface HttpLimits {
  /** A connection must have sent a whole request head this long after it opened (or began a request). */
  headersTimeoutMs: number;
  /** A whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/**
 * An HTTP server whose connections cannot be held open for nothing. Node's `headersTimeout` only
 * starts with a request's first byte, so a socket that never sends anything would stay open for
 * ever (3,000 such sockets did in the attack test): a connection gets `headersTimeoutMs` to send
 * its first request head, whether or not it has begun. After a response, `keepAliveTimeoutMs`
 * applies; a slow head gets 408 at `headersTimeoutMs` and a slow body at `requestTimeoutMs`.
 */
export function createLimitedServer(handler: http.RequestListener, limits: HttpLimits): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts on this interval (default 30 s, which would triple them).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  const firstRequestDue = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    timer.unref();
    firstRequestDue.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (request: http.IncomingMessage) => {
    const timer = firstRequestDue.get(request.socket);
    if (timer === undefined) return;
    clearTimeout(timer);
    firstRequestDue.delete(request.socket);
  });
  return server;
}
