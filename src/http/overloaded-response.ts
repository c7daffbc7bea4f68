import type { ServerResponse } from 'node:http';
import type { Refusal, ShedReason } from './admission';

const WHY: Record<ShedReason, string> = {
  queue_full: 'it is serving and queueing as many requests as it can',
  fair_share: 'it is serving and queueing as many requests as it can, and this caller holds more than its share of them',
  queue_timeout: 'this request waited as long as it may for its turn',
  event_loop_delay: 'its CPU is saturated and this caller already has requests waiting',
};

/** Bodies are built once per reason and delay: a refusal must cost next to nothing. */
const bodies = new Map<string, Buffer>();

function bodyFor(refusal: Refusal): Buffer {
  const key = `${refusal.reason}:${refusal.retryAfterSeconds}`;
  let body = bodies.get(key);
  if (body === undefined) {
    const message = `The gateway is overloaded: ${WHY[refusal.reason]}. This request was not run and nothing was sent to WeChat; retry after ${refusal.retryAfterSeconds} s.`;
    body = Buffer.from(
      JSON.stringify({
        errors: [{
          message,
          extensions: { code: 'OVERLOADED', reason: refusal.reason, retryAfterSeconds: refusal.retryAfterSeconds, retryable: true, mayHaveReachedWeChat: false },
        }],
      }),
    );
    bodies.set(key, body);
  }
  return body;
}

/**
 * HTTP 503 with `Retry-After` and a GraphQL-shaped body (`extensions.code: "OVERLOADED"`), for a
 * request refused at the front door. The connection is closed after a refusal at once, so a
 * client that floods pays for a new connection before it can try again.
 */
export function sendOverloaded(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent || res.destroyed) return;
  const body = bodyFor(refusal);
  res.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'retry-after': String(refusal.retryAfterSeconds),
    // Refused at once: close, so a client that floods pays for a new connection first. Only
    // once the body is all in: closing with unread bytes would reset the connection and could
    // lose this answer (an unfinished body is read and discarded by node, as usual). After a
    // full wait the client has waited its turn: its connection is kept.
    ...(refusal.reason !== 'queue_timeout' && res.req.complete ? { connection: 'close' } : {}),
  });
  res.end(body);
}
