import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '../transport/spans';
import type { WeChatResult } from '../vocabulary/result';

/**
 * How a change was settled: by WeChat's own answer, or, when that was lost, by a read of the
 * account's open account that showed it `applied`, `not-applied` (then it was sent once more),
 * `unknown` (the read cannot tell), or `read-failed`.
 */
export type Settlement = 'answered' | 'applied' | 'not-applied' | 'unknown' | 'read-failed';

/**
 * Runs a change (create, bind, unbind) in a span `open-account <name>`, over the WeChat calls it
 * makes (the change, the read that settles a lost answer, the second send): `wechat.sent` (1 or
 * 2), `wechat.settled_by_read` (a read of the account took part: the answer was lost) and
 * `wechat.settlement` say how its outcome became known.
 */
export function inChangeSpan<T>(name: string, run: (settle: <R extends WeChatResult<T>>(sent: number, how: Settlement, result: R) => R) => Promise<WeChatResult<T>>): Promise<WeChatResult<T>> {
  return tracer.startActiveSpan(`open-account ${name}`, { kind: SpanKind.INTERNAL, attributes: { 'wechat.change': name } }, async (span) => {
    try {
      return await run((sent, how, result) => {
        span.setAttributes({ 'wechat.sent': sent, 'wechat.settled_by_read': how !== 'answered' || sent > 1, 'wechat.settlement': how });
        if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.failure.kind });
        return result;
      });
    } finally {
      span.end();
    }
  });
}
