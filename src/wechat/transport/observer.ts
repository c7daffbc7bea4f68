/**
 * What the WeChat layer reports about its own work, for metrics. An interface here, implemented
 * outside (src/observability), so the WeChat layer knows nothing of Prometheus.
 */
export interface WeChatObserver {
  /** One HTTP request to a WeChat domain: `outcome` is the errcode ("0" for success) or why there was no answer. */
  upstreamCall(call: { origin: string; path: string; stage: 'call' | 'token'; outcome: string; seconds: number }): void;
  breakerState(origin: string, state: string): void;
  /**
   * One read through the read cache (src/wechat/read-cache.ts): `hit` answered from the cache,
   * `coalesced` answered by a WeChat call another read (in this process or another replica) made,
   * `miss` this read called WeChat.
   */
  readCache?(read: { call: 'get' | 'have'; outcome: 'hit' | 'coalesced' | 'miss' }): void;
  /** A change to an appid dropped its cached reads. */
  readCacheInvalidation?(): void;
}
