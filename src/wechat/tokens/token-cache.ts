import { success, type WeChatResult } from '../result';
import type { IssuedToken } from './token-provider';

interface CachedToken {
  readonly value: string;
  /** When to stop handing it out and fetch again (ahead of the real expiry). */
  readonly refreshAt: number;
}

/** At most this long before expiry a token is refreshed; WeChat renews stable tokens 5 min early. */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * An in-process access-token cache with single-flight fetching.
 *
 * Single flight: while a token for a key is being fetched, every other caller for that key awaits
 * the same promise instead of starting its own fetch. So any number of concurrent calls for a
 * cold appid cause exactly one token request, which matters because WeChat limits token fetches
 * (2,000 a day for /cgi-bin/token, 20 force-refreshes a day for stable tokens) and because each
 * /cgi-bin/token fetch invalidates the token before it. The in-flight entry is removed only after
 * the fetched token is stored, so there is no window where a caller sees neither and fetches again.
 * A failed fetch is shared by its waiters too, and is not cached: the next call tries afresh.
 *
 * Tokens are handed out until shortly before they expire (the margin is 5 minutes, or a tenth of
 * the lifetime for short-lived tokens), so a call never leaves with a token about to lapse.
 *
 * Invalidation is compare-and-delete: `invalidate(key, failed)` drops the entry only if it still
 * holds `failed`. When many in-flight calls fail with the same stale token, the first one's
 * refresh installs a new token and the others' invalidations then leave it alone.
 */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<WeChatResult<string>>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, fetch: () => Promise<WeChatResult<IssuedToken>>): Promise<WeChatResult<string>> {
    const cached = this.tokens.get(key);
    if (cached !== undefined && this.now() < cached.refreshAt) return Promise.resolve(success(cached.value));
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.fetchAndStore(key, fetch).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  invalidate(key: string, failedToken: string): void {
    if (this.tokens.get(key)?.value === failedToken) this.tokens.delete(key);
  }

  private async fetchAndStore(key: string, fetch: () => Promise<WeChatResult<IssuedToken>>): Promise<WeChatResult<string>> {
    const issued = await fetch();
    if (!issued.ok) return issued;
    const lifetimeMs = issued.data.expiresInSeconds * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
    this.tokens.set(key, { value: issued.data.value, refreshAt: this.now() + lifetimeMs - margin });
    return success(issued.data.value);
  }
}
