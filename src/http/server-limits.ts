import { createServer, type Server } from 'node:http';

/** Bounds on connections and on how long a client may take, so slow or idle ones cannot pin sockets. */
export interface HttpServerLimits {
  /** Open connections at once; more are closed as soon as they are accepted (node's `server.maxConnections`). */
  readonly maxConnections: number;
  /** Time a client has to send the request's headers. */
  readonly headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included (node answers 408 and closes). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open between requests. */
  readonly keepAliveTimeoutMs: number;
}

/**
 * node:http with the limits applied. Node checks the headers and request timeouts on a timer
 * (`connectionsCheckingInterval`, 30 s by default, so a 10 s timeout could take 40 s); it is set
 * to a quarter of the shorter timeout, within 0.1 to 1 s.
 */
export function createLimitedServer(limits: HttpServerLimits): Server {
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(shortest / 4))),
  });
  server.maxConnections = limits.maxConnections;
  return server;
}
