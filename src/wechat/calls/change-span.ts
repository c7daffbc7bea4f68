import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '../transport/spans';
import type { WeChatResult } from '../vocabulary/result';

/**
 * How a change's outcome became known: WeChat's own answer, a read that showed it `applied`
 * after its answer was lost, or `unknown` (no read could tell).
 */
export type Settlement = 'answered' | 'applied' | 'unknown';

/**
 * Runs a change (create, bind, unbind) in a span `open-account <name>`, over the WeChat calls it
 * makes (the change, the read that settles a lost answer, the second send). `run` sends through
 * `counted`, so the span knows how often the change went out (`wechat.sent`: 0 when a repeat
 * with an idempotency key was settled by a read alone, 1, or 2); `wechat.settled_by_read` says a
 * read of the account took part (the answer was lost, or `readFirst`: settling an earlier
 * attempt), and `wechat.settlement` how the outcome became known.
 */
export function inChangeSpan<T extends { readonly verifiedByRead: boolean }>(
  name: string,
  readFirst: boolean,
  run: (counted: <R>(send: () => Promise<R>) => () => Promise<R>) => Promise<WeChatResult<T>>,
): Promise<WeChatResult<T>> {
  return tracer.startActiveSpan(`open-account ${name}`, { kind: SpanKind.INTERNAL, attributes: { 'wechat.change': name } }, async (span) => {
    let sent = 0;
    try {
      const result = await run((send) => () => {
        sent += 1;
        return send();
      });
      const how: Settlement = result.ok ? (result.data.verifiedByRead ? 'applied' : 'answered') : result.failure.kind === 'outcome-unknown' ? 'unknown' : 'answered';
      span.setAttributes({ 'wechat.sent': sent, 'wechat.settled_by_read': readFirst || how !== 'answered' || sent > 1, 'wechat.settlement': how });
      if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.failure.kind });
      return result;
    } finally {
      span.end();
    }
  });
}
