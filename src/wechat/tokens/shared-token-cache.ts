import { randomUUID } from 'node:crypto';
import { StoreUnavailableError, type Store, type StoredToken } from '../../stores/store';
import { failure, success, type WeChatResult } from '../vocabulary/result';
import type { IssuedToken } from './token-provider';
import { inTokenFetchSpan } from './token-span';

/** At most this long before expiry a token is refreshed; WeChat renews stable tokens 5 min early. */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

export interface SharedTokenCacheOptions {
  readonly now?: () => number;
  /** How long a refresh lock lasts if its holder dies without releasing it. */
  readonly lockTtlMs?: number;
  /** How often a replica that lost the lock looks for the winner's token. */
  readonly pollMs?: number;
}

/**
 * Access tokens in the store, shared by every replica, refreshed once however many replicas and
 * calls want them.
 *
 * Four layers, from the inside out:
 *
 * 1. **The store** holds each token with `refreshAt` (5 minutes, or a tenth of the lifetime,
 *    before expiry) and `expiresAt`. Every replica reads the same one.
 *
 * 2. **A refresh lock per token in the store** (`SET NX PX` with a random owner in Redis). A
 *    replica that finds the token missing or due takes the lock, looks once more (another replica
 *    may have refreshed between its read and its lock), fetches, stores, and releases the lock,
 *    which only its owner can do (a lock that outlived its TTL may belong to another by then).
 *    The others do not fetch: they poll the store for the winner's token and, while the old token
 *    is still inside its lifetime, use it meanwhile. If the winner fails, it releases the lock and
 *    the next one tries; if it dies, its lock expires. So each flight fetches at most once, and a
 *    failing WeChat sees fetches one after another, never a storm.
 *
 * 3. **In-process single flight** in front of both: while this process resolves a key, every
 *    other call for that key awaits the same promise. 300 concurrent calls in one replica make
 *    one store read and at most one round of lock attempts, not 300. The in-flight entry is
 *    removed only when the resolution settles; a failure is shared by its waiters, not cached.
 *
 * When WeChat refuses a token (40001/40014/42001), `invalidate` deletes it from the store only
 * while it is still the refused one (compare-and-delete), so a late caller cannot throw away the
 * token another replica just fetched. The retry then calls `get(key, fetch, refused)`: a flight
 * that was already under way when the token was refused may bring back the refused token, so a
 * caller that knows which token failed never accepts it from such a flight, and joins or starts a
 * fresh one instead (started after the delete, it reads the new state).
 *
 * 4. **This process's copy**: a token read or fetched here is kept in memory until its
 *    `refreshAt`, so a call does not read the store (a Redis round trip) while the token is
 *    fresh. Once due, or refused by WeChat, the store is read again. Another replica's earlier
 *    refresh cannot strand this copy: WeChat keeps the previous token working for about 5
 *    minutes after a new one is issued, and a refusal sends the retry to the store anyway.
 *
 * A store that cannot be reached answers `store-unavailable` and fetches nothing: fetching behind
 * the other replicas' backs is how tokens overwrite each other and calls fail with 40001.
 */
export class SharedTokenCache {
  private readonly inflight = new Map<string, Promise<WeChatResult<string>>>();
  private readonly known = new Map<string, StoredToken>();
  /** The last token WeChat refused per key: a flight that read it before the refusal must not keep it. */
  private readonly refusedTokens = new Map<string, string>();
  private readonly now: () => number;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: Store,
    options: SharedTokenCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.pollMs = options.pollMs ?? 25;
  }

  /**
   * A usable token for `key`, fetched with `fetch` when there is none. `refused`: a token WeChat
   * just refused for this key, which is never handed back.
   */
  async get(key: string, fetch: () => Promise<WeChatResult<IssuedToken>>, refused?: string): Promise<WeChatResult<string>> {
    const known = this.known.get(key);
    if (this.fresh(known, refused)) return success(known.value);
    const first = await this.flight(key, fetch, refused);
    if (refused === undefined || !first.ok || first.data !== refused) return first;
    return this.flight(key, fetch, refused);
  }

  /** Forgets `failedToken` if it is still the stored one. A store error is left for the next `get` to report. */
  async invalidate(key: string, failedToken: string): Promise<void> {
    this.refusedTokens.set(key, failedToken);
    if (this.known.get(key)?.value === failedToken) this.known.delete(key);
    await this.store.deleteTokenIf(key, failedToken).catch(ignoreStoreErrors);
  }

  /** Forgets the token whatever it is (an authorizer that revoked the platform). */
  async drop(key: string): Promise<void> {
    this.known.delete(key);
    await this.store.deleteToken(key);
  }

  /** Stores a token WeChat issued outside a refresh (api_query_auth answers with one). */
  async put(key: string, issued: IssuedToken): Promise<void> {
    const stored = this.toStored(issued);
    await this.store.putToken(key, stored);
    this.known.set(key, stored);
  }

  private flight(key: string, fetch: () => Promise<WeChatResult<IssuedToken>>, refused: string | undefined): Promise<WeChatResult<string>> {
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.resolve(key, fetch, refused).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async resolve(key: string, fetch: () => Promise<WeChatResult<IssuedToken>>, refused: string | undefined): Promise<WeChatResult<string>> {
    try {
      const cached = await this.store.getToken(key);
      if (this.fresh(cached, refused)) return this.remember(key, cached);
      const owner = randomUUID();
      const giveUpAt = this.now() + this.lockTtlMs + 5_000;
      for (;;) {
        if (await this.store.tryLock(key, owner, this.lockTtlMs)) return await this.refreshHoldingLock(key, owner, fetch, refused);
        // Another replica is refreshing: take its token when it lands, or the current one while
        // that is still inside its lifetime (it was only due for refresh).
        const current = await this.store.getToken(key);
        if (current !== undefined && current.value !== refused) {
          if (this.now() < current.refreshAt) return this.remember(key, current);
          if (this.now() < current.expiresAt) return success(current.value);
        }
        if (this.now() >= giveUpAt) {
          return failure({ kind: 'unavailable', reason: 'timeout', sent: 'no', detail: 'no token arrived while another replica held the refresh lock', stage: 'token' });
        }
        await sleep(this.pollMs / 2 + Math.random() * this.pollMs);
      }
    } catch (error) {
      if (error instanceof StoreUnavailableError) return failure({ kind: 'store-unavailable', store: error.store, detail: error.message });
      throw error;
    }
  }

  private async refreshHoldingLock(
    key: string,
    owner: string,
    fetch: () => Promise<WeChatResult<IssuedToken>>,
    refused: string | undefined,
  ): Promise<WeChatResult<string>> {
    try {
      const current = await this.store.getToken(key);
      if (this.fresh(current, refused)) return this.remember(key, current);
      const issued = await inTokenFetchSpan(key, fetch);
      if (!issued.ok) return issued;
      const stored = this.toStored(issued.data);
      // The token is good even if it cannot be stored; the next call will report the store.
      await this.store.putToken(key, stored).catch(ignoreStoreErrors);
      return this.remember(key, stored);
    } finally {
      await this.store.unlock(key, owner).catch(ignoreStoreErrors);
    }
  }

  private remember(key: string, token: StoredToken): WeChatResult<string> {
    if (this.refusedTokens.get(key) !== token.value) this.known.set(key, token);
    return success(token.value);
  }

  private fresh(token: StoredToken | undefined, refused: string | undefined): token is StoredToken {
    return token !== undefined && token.value !== refused && this.now() < token.refreshAt;
  }

  private toStored(issued: IssuedToken): StoredToken {
    const now = this.now();
    const lifetimeMs = issued.expiresInSeconds * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
    return { value: issued.value, refreshAt: now + lifetimeMs - margin, expiresAt: now + lifetimeMs };
  }
}

function ignoreStoreErrors(error: unknown): void {
  if (!(error instanceof StoreUnavailableError)) throw error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
