import { failure, success, type WeChatResult } from '../../src/wechat/result';
import { TokenCache } from '../../src/wechat/tokens/token-cache';
import type { IssuedToken } from '../../src/wechat/tokens/token-provider';

/** A fetch the test resolves by hand, counting how often it was started. */
function controlledFetch() {
  const pending: Array<(result: WeChatResult<IssuedToken>) => void> = [];
  const fetch = jest.fn(() => new Promise<WeChatResult<IssuedToken>>((resolve) => pending.push(resolve)));
  return { fetch, resolveNext: (result: WeChatResult<IssuedToken>) => pending.shift()!(result) };
}

const issued = (value: string, expiresInSeconds = 7200) => success({ value, expiresInSeconds });

describe('TokenCache', () => {
  it('single-flight: 100 concurrent gets for a cold key share one fetch', async () => {
    const cache = new TokenCache();
    const { fetch, resolveNext } = controlledFetch();
    const gets = Array.from({ length: 100 }, () => cache.get('wxa', fetch));
    resolveNext(issued('T1'));
    const results = await Promise.all(gets);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.ok && r.data === 'T1')).toBe(true);
  });

  it('serves the cached token without fetching until shortly before expiry', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
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
    const cache = new TokenCache(() => now);
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
    const cache = new TokenCache();
    const { fetch, resolveNext } = controlledFetch();
    const busy = failure({ kind: 'errcode', errcode: -1, errmsg: 'system error', rid: undefined, stage: 'token' });
    const gets = [cache.get('wxa', fetch), cache.get('wxa', fetch)];
    resolveNext(busy);
    expect(await Promise.all(gets)).toEqual([busy, busy]);
    const next = cache.get('wxa', fetch);
    resolveNext(issued('T2'));
    expect(await next).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('invalidate drops the token only while it is still the failing one', async () => {
    const cache = new TokenCache();
    let n = 0;
    const fetch = jest.fn(async () => issued(`T${++n}`));
    await cache.get('wxa', fetch); // T1 cached
    cache.invalidate('wxa', 'T1');
    expect(await cache.get('wxa', fetch)).toEqual(success('T2'));
    // A late caller that failed with T1 must not throw away T2.
    cache.invalidate('wxa', 'T1');
    expect(await cache.get('wxa', fetch)).toEqual(success('T2'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart', async () => {
    const cache = new TokenCache();
    const fetch = jest.fn(async () => issued('T'));
    await Promise.all([cache.get('wxa', fetch), cache.get('wxb', fetch)]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
