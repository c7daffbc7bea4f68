import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '../transport/spans';
import type { WeChatResult } from '../vocabulary/result';

/**
 * A token fetch from WeChat (`stable_token`, `api_component_token`, `api_authorizer_token`) in a
 * span `token fetch`, with the cache key's kind and appids (`stable:wx…`,
 * `authorizer:<component>:<appid>`: no credential) and the outcome. The token itself, like the
 * secret, ticket or refresh token that bought it, is never recorded.
 */
export function inTokenFetchSpan<T>(key: string, fetch: () => Promise<WeChatResult<T>>): Promise<WeChatResult<T>> {
  return tracer.startActiveSpan('token fetch', { kind: SpanKind.INTERNAL, attributes: { 'wechat.token.key': key, 'wechat.token.kind': key.split(':', 1)[0]! } }, async (span) => {
    try {
      const issued = await fetch();
      if (!issued.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: issued.failure.kind });
      return issued;
    } finally {
      span.end();
    }
  });
}
