import { MemoryStore } from '../../src/stores/memory-store';
import { StoreUnavailableError, type Store } from '../../src/stores/store';
import { failure, success, type WeChatResult } from '../../src/wechat/vocabulary/result';
import { SharedTokenCache } from '../../src/wechat/tokens/shared-token-cache';
import type { IssuedToken } from '../../src/wechat/tokens/token-provider';

/** A fetch the test resolves by hand, counting how often it was started. */
function controlledFetch() {
  const pending: Array<(result: WeChatResult<IssuedToken>) => void> = [];
  const fetch = jest.fn(() => new Promise<WeChatResult<IssuedToken>>((resolve) => pending.push(resolve)));
  return { fetch, started: () => pending.length, resolveNext: (result: WeChatResult<IssuedToken>) => pending.shift()!(result) };
}

const issued = (value: string, expiresInSeconds = 7200) => success({ value, expiresInSeconds });

/** Waits until `condition` holds, turning the event loop (no timing assertion: it counts). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 2));
  if (!condition()) throw new Error('condition never held');
}

describe('SharedTokenCache: one fetch per token, however many calls and replicas want it', () => {
  it('single-flight: 100 concurrent gets for a cold key share one fetch', async () => {
    const cache = new SharedTokenCache(new MemoryStore());
    const { fetch, resolveNext, started } = controlledFetch();
    const gets = Array.from({ length: 100 }, () => cache.get('wxa', fetch));
    await until(() => started() === 1);
    resolveNext(issued('T1'));
    const results = await Promise.all(gets);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.ok && r.data === 'T1')).toBe(true);
  });

  it('serves the stored token without fetching until shortly before expiry', async () => {
    let now = 0;
    const cache = new SharedTokenCache(new MemoryStore({ now: () => now }), { now: () => now });
    let n = 0;
    const fetch = jest.fn(async () => issued(`T${++n}`, 7200));
    await cache.get('wxa', fetch);
    now = (7200 - 301) * 1000;
    expect(await cache.get('wxa', fetch)).toEqual(success('T1'));
    expect(fetch).toHaveBeenCalledTimes(1);
    now = (7200 - 299) * 1000; // inside the 5-minute margin: refresh ahead of expiry
    expect(await cache.get('wxa', fetch)).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('uses a tenth of the lifetime as the margin for short-lived tokens', async () => {
    let now = 0;
    const cache = new SharedTokenCache(new MemoryStore({ now: () => now }), { now: () => now });
    const fetch = jest.fn(async () => issued('T', 100));
    await cache.get('wxa', fetch);
    now = 89_000;
    await cache.get('wxa', fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    now = 91_000;
    await cache.get('wxa', fetch);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('shares a failed fetch with its waiters but does not cache it', async () => {
    const cache = new SharedTokenCache(new MemoryStore());
    const { fetch, resolveNext, started } = controlledFetch();
    const busy = failure({ kind: 'errcode', errcode: -1, errmsg: 'system error', rid: undefined, stage: 'token' });
    const gets = [cache.get('wxa', fetch), cache.get('wxa', fetch)];
    await until(() => started() === 1);
    resolveNext(busy);
    expect(await Promise.all(gets)).toEqual([busy, busy]);
    const next = cache.get('wxa', fetch);
    await until(() => started() === 1);
    resolveNext(issued('T2'));
    expect(await next).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('invalidate drops the token only while it is still the failing one', async () => {
    const cache = new SharedTokenCache(new MemoryStore());
    let n = 0;
    const fetch = jest.fn(async () => issued(`T${++n}`));
    await cache.get('wxa', fetch); // T1 stored
    await cache.invalidate('wxa', 'T1');
    expect(await cache.get('wxa', fetch, 'T1')).toEqual(success('T2'));
    // A late caller that failed with T1 must not throw away T2.
    await cache.invalidate('wxa', 'T1');
    expect(await cache.get('wxa', fetch, 'T1')).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never hands a refused token back, even from a flight that started before the refusal', async () => {
    const store = new MemoryStore();
    const cache = new SharedTokenCache(store);
    await store.putToken('wxa', { value: 'T1', refreshAt: Date.now() + 60_000, expiresAt: Date.now() + 120_000 });
    let n = 1;
    const fetch = jest.fn(async () => issued(`T${++n}`));
    // A plain get starts a flight that reads T1; the refused caller joins it, then must not take T1.
    const plain = cache.get('wxa', fetch);
    await cache.invalidate('wxa', 'T1');
    const retry = cache.get('wxa', fetch, 'T1');
    expect(await plain).toEqual(success('T1'));
    expect(await retry).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads the store once while its token is fresh, and again once WeChat refuses it', async () => {
    const store = new MemoryStore();
    let reads = 0;
    const getToken = store.getToken.bind(store);
    store.getToken = (key) => {
      reads += 1;
      return getToken(key);
    };
    const cache = new SharedTokenCache(store);
    let n = 0;
    const fetch = jest.fn(async () => issued(`T${++n}`));
    for (let i = 0; i < 100; i++) expect(await cache.get('wxa', fetch)).toEqual(success('T1'));
    const readsWhileFresh = reads;
    // A cold key: one read before the lock, one under it, then memory only.
    expect(readsWhileFresh).toBe(2);
    await cache.invalidate('wxa', 'T1');
    expect(await cache.get('wxa', fetch, 'T1')).toEqual(success('T2'));
    expect(reads).toBeGreaterThan(readsWhileFresh);
    expect(await cache.get('wxa', fetch)).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not keep a token that was refused while a flight was reading it', async () => {
    const store = new MemoryStore();
    const cache = new SharedTokenCache(store);
    await store.putToken('wxa', { value: 'T1', refreshAt: Date.now() + 60_000, expiresAt: Date.now() + 120_000 });
    const plain = cache.get('wxa', async () => issued('T2'));
    await cache.invalidate('wxa', 'T1');
    expect(await plain).toEqual(success('T1'));
    // The store no longer has T1; this process must not answer T1 from memory either.
    expect(await cache.get('wxa', async () => issued('T2'))).toEqual(success('T2'));
  });

  it('keeps keys apart', async () => {
    const cache = new SharedTokenCache(new MemoryStore());
    const fetch = jest.fn(async () => issued('T'));
    await Promise.all([cache.get('wxa', fetch), cache.get('wxb', fetch)]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  describe('replicas sharing one store fetch once between them', () => {
    it('the replica that loses the lock waits for the winner instead of fetching', async () => {
      const store = new MemoryStore();
      const [a, b] = [new SharedTokenCache(store, { pollMs: 2 }), new SharedTokenCache(store, { pollMs: 2 })];
      const { fetch, resolveNext, started } = controlledFetch();
      const fromA = a.get('wxa', fetch);
      await until(() => started() === 1);
      const fromB = b.get('wxa', fetch); // the lock is held by A
      await new Promise((r) => setTimeout(r, 20));
      expect(started()).toBe(1);
      resolveNext(issued('T1'));
      expect(await Promise.all([fromA, fromB])).toEqual([success('T1'), success('T1')]);
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it('while one replica refreshes a token that is only due, the others keep using it', async () => {
      let now = 0;
      const store = new MemoryStore({ now: () => now });
      const [a, b] = [new SharedTokenCache(store, { now: () => now }), new SharedTokenCache(store, { now: () => now })];
      await a.get('wxa', async () => issued('T1', 7200));
      now = (7200 - 100) * 1000; // due for refresh, not expired
      const { fetch, resolveNext, started } = controlledFetch();
      const refreshing = a.get('wxa', fetch);
      await until(() => started() === 1);
      expect(await b.get('wxa', fetch)).toEqual(success('T1'));
      resolveNext(issued('T2'));
      expect(await refreshing).toEqual(success('T2'));
      expect(await b.get('wxa', fetch)).toEqual(success('T2'));
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it('when the winner fails, the next replica fetches (one at a time)', async () => {
      const store = new MemoryStore();
      const [a, b] = [new SharedTokenCache(store, { pollMs: 2 }), new SharedTokenCache(store, { pollMs: 2 })];
      const { fetch, resolveNext, started } = controlledFetch();
      const busy = failure({ kind: 'errcode', errcode: -1, errmsg: 'system error', rid: undefined, stage: 'token' });
      const fromA = a.get('wxa', fetch);
      await until(() => started() === 1);
      const fromB = b.get('wxa', fetch);
      resolveNext(busy);
      expect(await fromA).toEqual(busy);
      await until(() => started() === 1);
      resolveNext(issued('T2'));
      expect(await fromB).toEqual(success('T2'));
      expect(fetch).toHaveBeenCalledTimes(2);
    });
  });

  it('a store that cannot be reached answers store-unavailable and fetches nothing', async () => {
    const down = (): never => {
      throw new StoreUnavailableError('redis', 'Redis: connect ECONNREFUSED');
    };
    const store = new Proxy(new MemoryStore(), { get: (target, name) => (name === 'kind' ? 'redis' : typeof (target as never)[name] === 'function' ? async () => down() : (target as never)[name]) }) as Store;
    const cache = new SharedTokenCache(store);
    const fetch = jest.fn(async () => issued('T'));
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('wxa', fetch)));
    expect(results.every((r) => !r.ok && r.failure.kind === 'store-unavailable' && r.failure.store === 'redis')).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
    await expect(cache.invalidate('wxa', 'T')).resolves.toBeUndefined();
  });
});
