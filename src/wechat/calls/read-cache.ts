import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { StoreUnavailableError, type CachedReads, type Store } from '../../stores/store';
import type { WeChatObserver } from '../transport/observer';
import type { WeChatResult } from '../vocabulary/result';

/** The two reads the cache holds: WeChat's `get` (bound to which open account) and `have`. */
export type ReadName = 'get' | 'have';

/** A read's answer, and when WeChat was asked for it (earlier than now when it came from the cache). */
export interface Fetched<T> {
  readonly result: WeChatResult<T>;
  readonly fetchedAt: Date;
}

export interface ReadCacheOptions {
  /** The longest any answer is kept and served (WECHAT_READ_CACHE_SECONDS). */
  readonly ttlSeconds: number;
  readonly logger: Logger;
  readonly observer?: WeChatObserver;
  readonly now?: () => number;
  /** How long a replica's read lock lasts if its holder dies; the others wait at most this long. */
  readonly lockTtlMs?: number;
  /** How often a replica that did not get the read lock looks for the holder's answer. */
  readonly pollMs?: number;
}

/** A WeChat read this process has in flight, which later reads of the same appid may share. */
interface Flight {
  readonly generation: number;
  readonly startedAt: number;
  readonly promise: Promise<Fetched<unknown>>;
}

/** What the store holds for one read: the answer (a success, or "bound to none") and when it was asked. */
interface Entry {
  readonly at: number;
  readonly result: WeChatResult<unknown>;
}

/**
 * WeChat's open-account reads (`get`, `have`) cached in the store, per appid, so replicas share
 * them and WeChat's daily quota is spent once per appid per `ttlSeconds`, not once per view.
 *
 * What is cached: answers about the binding only, "bound to X" and "bound to none" (89002) alike;
 * never an error, a token or anything that is not the binding. Each answer carries when WeChat
 * was asked, and a reader may ask for fresher (`maxAgeSeconds`, 0 = ask WeChat now).
 *
 * Why a change can never be hidden by a read that raced it: every change to an appid (through
 * any replica, whatever its outcome) drops the appid's entries **and** starts its next
 * generation in the store before the change answers (`invalidate`). A read remembers the
 * generation it saw before asking WeChat and stores its answer only while that generation is
 * unchanged (a compare-and-set in the store), so an answer WeChat gave before the change cannot
 * land after the change dropped the entries.
 *
 * Misses are shared three ways, like the token cache: reads of one appid in this process that
 * miss together wait for one WeChat call (the in-process flight); replicas that miss together
 * take a read lock in the store, and those that do not get it wait for the holder's answer to
 * appear; and a reader joins a flight only if it started recently enough for the reader's
 * `maxAgeSeconds` and in the generation the reader saw.
 *
 * A store that cannot be reached does not stop reads: they go to WeChat and nothing is cached.
 */
export class ReadCache {
  private readonly flights = new Map<string, Flight>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: ReadCacheOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.now = options.now ?? Date.now;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.pollMs = options.pollMs ?? 20;
  }

  /**
   * The answer of `name` for `appid` at most `maxAgeSeconds` old (never older than the cache's
   * own age), from the cache or from `fetch`. `cacheable` says which answers may be kept.
   */
  async read<T>(
    appid: string,
    name: ReadName,
    maxAgeSeconds: number | undefined,
    fetch: () => Promise<WeChatResult<T>>,
    cacheable: (result: WeChatResult<T>) => boolean,
  ): Promise<Fetched<T>> {
    const maxAgeMs = Math.min(maxAgeSeconds === undefined ? this.ttlMs : maxAgeSeconds * 1000, this.ttlMs);
    const requestedAt = this.now();
    let cached: CachedReads;
    try {
      cached = await this.store.getCachedReads(appid);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.observe(name, 'miss');
      return fetchNow(fetch, this.now);
    }
    const entry = decode(cached.values.get(name));
    if (entry !== undefined && requestedAt - entry.at <= maxAgeMs) {
      this.observe(name, 'hit');
      return { result: entry.result as WeChatResult<T>, fetchedAt: new Date(entry.at) };
    }
    const key = `${name}:${appid}`;
    const flight = this.flights.get(key);
    if (flight !== undefined && flight.generation === cached.generation && flight.startedAt >= requestedAt - maxAgeMs) {
      this.observe(name, 'coalesced');
      return flight.promise as Promise<Fetched<T>>;
    }
    const started: Flight = {
      generation: cached.generation,
      startedAt: this.now(),
      promise: this.miss(appid, name, cached.generation, maxAgeMs, fetch, cacheable),
    };
    this.flights.set(key, started);
    void started.promise.finally(() => {
      if (this.flights.get(key) === started) this.flights.delete(key);
    });
    return started.promise as Promise<Fetched<T>>;
  }

  /**
   * A change to `appid` was sent: drops its cached reads and starts its next generation, here and
   * in the store, before the change answers. A store that cannot be reached is logged: until its
   * entries expire, another replica may serve what it read before the change.
   */
  async invalidate(appid: string): Promise<void> {
    this.flights.delete(`get:${appid}`);
    this.flights.delete(`have:${appid}`);
    this.options.observer?.readCacheInvalidation?.();
    try {
      await this.store.dropCachedReads(appid);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.options.logger.error(
        { appid, detail: error.message },
        `read cache: the cached reads of a changed appid could not be dropped; replicas may serve its old state for up to ${this.options.ttlSeconds} s`,
      );
    }
  }

  // Private: a miss. One replica at a time asks WeChat (the read lock); the others wait for its
  // answer in the store, or for the lock, at most `lockTtlMs`, then ask WeChat themselves. A
  // reader that wants an answer from now (`maxAgeMs` 0) does not wait for anyone.
  private async miss<T>(
    appid: string,
    name: ReadName,
    generation: number,
    maxAgeMs: number,
    fetch: () => Promise<WeChatResult<T>>,
    cacheable: (result: WeChatResult<T>) => boolean,
  ): Promise<Fetched<T>> {
    if (maxAgeMs === 0) return this.fetchAndStore(appid, name, generation, fetch, cacheable);
    // Per generation: a read after a change does not wait for one that began before it.
    const lock = `read:${name}:${appid}:${generation}`;
    const owner = randomUUID();
    const startedAt = this.now();
    let locked = false;
    try {
      for (;;) {
        locked = await this.store.tryLock(lock, owner, this.lockTtlMs);
        // Holding the lock or not, look again: the last holder may have stored its answer just now.
        const stored = await this.storedAnswer<T>(appid, name, maxAgeMs);
        if (stored !== undefined) return stored;
        if (locked || this.now() - startedAt >= this.lockTtlMs) break;
        await sleep(this.pollMs / 2 + Math.random() * this.pollMs);
      }
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
    }
    try {
      return await this.fetchAndStore(appid, name, generation, fetch, cacheable);
    } finally {
      if (locked) await this.store.unlock(lock, owner).catch(ignoreStoreErrors);
    }
  }

  /** A stored answer young enough for `maxAgeMs` (another read's, made meanwhile), if there is one. */
  private async storedAnswer<T>(appid: string, name: ReadName, maxAgeMs: number): Promise<Fetched<T> | undefined> {
    const entry = decode((await this.store.getCachedReads(appid)).values.get(name));
    if (entry === undefined || this.now() - entry.at > maxAgeMs) return undefined;
    this.observe(name, 'coalesced');
    return { result: entry.result as WeChatResult<T>, fetchedAt: new Date(entry.at) };
  }

  private async fetchAndStore<T>(
    appid: string,
    name: ReadName,
    generation: number,
    fetch: () => Promise<WeChatResult<T>>,
    cacheable: (result: WeChatResult<T>) => boolean,
  ): Promise<Fetched<T>> {
    this.observe(name, 'miss');
    const fetched = await fetchNow(fetch, this.now);
    if (cacheable(fetched.result)) {
      const entry: Entry = { at: fetched.fetchedAt.getTime(), result: fetched.result };
      // Kept for what is left of its age, counted from when WeChat was asked.
      const ttlMs = this.ttlMs - (this.now() - entry.at);
      if (ttlMs > 0) await this.store.putCachedRead(appid, name, JSON.stringify(entry), generation, ttlMs).catch(ignoreStoreErrors);
    }
    return fetched;
  }

  private observe(call: ReadName, outcome: 'hit' | 'coalesced' | 'miss'): void {
    this.options.observer?.readCache?.({ call, outcome });
  }
}

/** Asks WeChat now; `fetchedAt` is when the request was made. */
export async function fetchNow<T>(fetch: () => Promise<WeChatResult<T>>, now: () => number = Date.now): Promise<Fetched<T>> {
  const at = now();
  return { result: await fetch(), fetchedAt: new Date(at) };
}

/** An entry as this module wrote it, or undefined (none, or not one of ours). */
function decode(text: string | undefined): Entry | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Partial<Entry>;
    return typeof entry.at === 'number' && typeof entry.result === 'object' && entry.result !== null ? (entry as Entry) : undefined;
  } catch {
    return undefined;
  }
}

function ignoreStoreErrors(error: unknown): void {
  if (!(error instanceof StoreUnavailableError)) throw error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
