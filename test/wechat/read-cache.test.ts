import pino from 'pino';
import { MemoryStore, StoreUnavailableError, type Store } from '../../src/stores';
import { ReadCache } from '../../src/wechat/calls/read-cache';
import { success, type WeChatResult } from '../../src/wechat/vocabulary/result';

const silent = pino({ level: 'silent' });
const always = () => true;

/** A WeChat read the test answers by hand, counting how often it was asked. */
function manualRead() {
  const pending: Array<(value: WeChatResult<string>) => void> = [];
  return {
    fetch: () => new Promise<WeChatResult<string>>((resolve) => pending.push(resolve)),
    get calls() {
      return pending.length;
    },
    answer: (index: number, openAppid: string) => pending[index]!(success(openAppid)),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('ReadCache: the mechanism', () => {
  it('50 concurrent misses in one process: one WeChat call, shared', async () => {
    const cache = new ReadCache(new MemoryStore(), { ttlSeconds: 60, logger: silent });
    const wechat = manualRead();
    const reads = Array.from({ length: 50 }, () => cache.read('wxa', 'get', undefined, wechat.fetch, always));
    await flush();
    expect(wechat.calls).toBe(1);
    wechat.answer(0, 'wxo1');
    expect(new Set((await Promise.all(reads)).map((r) => (r.result.ok ? r.result.data : 'error')))).toEqual(new Set(['wxo1']));
  });

  it('a read WeChat answered before a change, arriving after it, is not cached and not shared', async () => {
    const cache = new ReadCache(new MemoryStore(), { ttlSeconds: 60, logger: silent });
    const wechat = manualRead();
    const before = cache.read('wxa', 'get', undefined, wechat.fetch, always);
    await flush();
    await cache.invalidate('wxa'); // a change was sent meanwhile
    const after = cache.read('wxa', 'get', undefined, wechat.fetch, always);
    await flush();
    expect(wechat.calls).toBe(2); // the read after the change did not join the one before it
    // The late one lands last: it must not overwrite the answer read after the change.
    wechat.answer(1, 'wxo-after');
    expect((await after).result).toEqual(success('wxo-after'));
    wechat.answer(0, 'wxo-before');
    expect((await before).result).toEqual(success('wxo-before'));
    // Only the answer read after the change was kept.
    expect((await cache.read('wxa', 'get', undefined, wechat.fetch, always)).result).toEqual(success('wxo-after'));
    expect(wechat.calls).toBe(2);
  });

  it('a store that is down: reads still reach WeChat, nothing is cached', async () => {
    const down = new Proxy(new MemoryStore(), {
      get: (target, property) => (String(property).includes('Cached') || property === 'tryLock' ? () => Promise.reject(new StoreUnavailableError('redis', 'down')) : Reflect.get(target, property)),
    }) as Store;
    const cache = new ReadCache(down, { ttlSeconds: 60, logger: silent });
    let calls = 0;
    const fetch = async () => success(`wxo${(calls += 1)}`);
    expect((await cache.read('wxa', 'get', undefined, fetch, always)).result).toEqual(success('wxo1'));
    expect((await cache.read('wxa', 'get', undefined, fetch, always)).result).toEqual(success('wxo2'));
    await expect(cache.invalidate('wxa')).resolves.toBeUndefined();
  });

  it('an answer is served no longer than its age, counted from when WeChat was asked', async () => {
    let now = 1_000_000;
    const cache = new ReadCache(new MemoryStore({ now: () => now }), { ttlSeconds: 60, logger: silent, now: () => now });
    let calls = 0;
    const fetch = async () => success(`wxo${(calls += 1)}`);
    const first = await cache.read('wxa', 'get', undefined, fetch, always);
    now += 59_000;
    expect(await cache.read('wxa', 'get', undefined, fetch, always)).toEqual(first);
    expect((await cache.read('wxa', 'get', 30, fetch, always)).result).toEqual(success('wxo2'));
    now += 61_000;
    expect((await cache.read('wxa', 'get', 3600, fetch, always)).result).toEqual(success('wxo3'));
    expect(first.fetchedAt.getTime()).toBe(1_000_000);
  });
});
