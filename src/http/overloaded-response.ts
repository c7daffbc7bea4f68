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
 * request refused at the front door. The connection is kept: closing it would turn a flood of
 * requests into a flood of connections, every one of them accepted, set up and torn down by the
 * gateway, and sharing the listen queue with everyone else. With refusals closing connections,
 * 10,000 closed-loop clients kept that queue full, and a `/healthz` probe from elsewhere waited
 * out SYN retransmissions (1–5 s) in the middle of the flood; kept, it answered in milliseconds,
 * at the same calls served (bench/RESULTS.md, overload notes).
 */
export function sendOverloaded(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent || res.destroyed) return;
  const body = bodyFor(refusal);
  res.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'retry-after': String(refusal.retryAfterSeconds),
  });
  res.end(body);
}
