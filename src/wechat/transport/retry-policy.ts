import { ExponentialBackoff, handleWhenResult, retry, type RetryPolicy } from 'cockatiel';
import type { WeChatResult } from '../vocabulary/result';

/**
 * What the gateway retries on its own, as data. Only the answer that says "nothing was done, ask
 * again soon": WeChat busy (-1), as WxJava does. Not 45011 (minute quota reached): WeChat says
 * "retry next minute", so retrying within the second only spends quota; it is answered at once,
 * retryable, with the seconds until the next minute (errcodes.ts `retryAfterSeconds`). Token
 * errors are handled by one refresh and one retry (with-token.ts); a request that may have
 * reached WeChat without an answer is never re-sent blindly (open-account.ts resolves it with a
 * read); everything else is an answer.
 */
export const RETRY_POLICY = {
  errcodes: new Set([-1]),
  /** Retries after the first attempt; each waits an exponential, jittered delay. */
  maxRetries: 3,
  initialDelayMs: 100,
  maxDelayMs: 1_000,
} as const;

export function isRetryable(result: unknown): boolean {
  const r = result as WeChatResult<unknown>;
  return !r.ok && r.failure.kind === 'errcode' && RETRY_POLICY.errcodes.has(r.failure.errcode);
}

/** RETRY_POLICY as a cockatiel retry: decorrelated-jitter exponential backoff, bounded in count. */
export function createRetry(): RetryPolicy {
  return retry(handleWhenResult(isRetryable), {
    maxAttempts: RETRY_POLICY.maxRetries,
    backoff: new ExponentialBackoff({ initialDelay: RETRY_POLICY.initialDelayMs, maxDelay: RETRY_POLICY.maxDelayMs }),
  });
}
