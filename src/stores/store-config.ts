import type { RedisDurability, RedisTarget, SentinelTarget } from './redis-connection';

/** Where credentials live: Redis when `redis` is set, else memory and `stateFile`. */
export interface StoreConfig {
  /**
   * Set: everything in Redis, shared by every replica (and the rate limits): a `redis://` URL
   * (REDIS_URL) or a master found through Sentinel (REDIS_SENTINELS). Unset: the embedded store.
   */
  readonly redis: RedisTarget | undefined;
  /** Prefix of every key in Redis, so one Redis can serve several gateways. */
  readonly redisKeyPrefix: string;
  /** What a write of data waits for in Redis (replicas that have it). */
  readonly redisDurability: RedisDurability;
  /** The embedded store's state file (verify ticket and refresh tokens); idempotency records go beside it. */
  readonly stateFile: string;
}

/** The store's variables, each already checked on its own by src/config/variables.ts. */
export interface StoreVariables {
  readonly REDIS_URL?: string | undefined;
  readonly REDIS_SENTINELS?: SentinelTarget['sentinels'] | undefined;
  readonly REDIS_SENTINEL_NAME?: string | undefined;
  readonly REDIS_WAIT_REPLICAS: number;
  readonly REDIS_WAIT_TIMEOUT_MS: number;
  readonly REDIS_KEY_PREFIX: string;
  readonly STATE_FILE: string;
}

/** The checks across the store's variables: REDIS_URL, or REDIS_SENTINELS with REDIS_SENTINEL_NAME, or neither. */
export function readStoreConfig(e: StoreVariables, issues: string[]): StoreConfig {
  if (e.REDIS_SENTINELS !== undefined && e.REDIS_URL !== undefined) issues.push('  REDIS_SENTINELS: set either REDIS_URL or REDIS_SENTINELS, not both');
  if ((e.REDIS_SENTINELS === undefined) !== (e.REDIS_SENTINEL_NAME === undefined)) {
    issues.push(`  ${e.REDIS_SENTINELS === undefined ? 'REDIS_SENTINEL_NAME' : 'REDIS_SENTINELS'}: Sentinel needs both REDIS_SENTINELS and REDIS_SENTINEL_NAME`);
  }
  const redis = e.REDIS_SENTINELS !== undefined && e.REDIS_SENTINEL_NAME !== undefined ? { sentinels: e.REDIS_SENTINELS, name: e.REDIS_SENTINEL_NAME } : e.REDIS_URL;
  if (redis === undefined && e.REDIS_WAIT_REPLICAS > 0) issues.push('  REDIS_WAIT_REPLICAS: has no effect without REDIS_URL or REDIS_SENTINELS');
  return {
    redis,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    redisDurability: { replicas: e.REDIS_WAIT_REPLICAS, timeoutMs: e.REDIS_WAIT_TIMEOUT_MS },
    stateFile: e.STATE_FILE,
  };
}

/** `REDIS_SENTINELS` (`host:port,host:port`) as a list, or the reason it is not one. */
export function parseSentinels(text: string): SentinelTarget['sentinels'] | string {
  const entries = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) return 'must list at least one host:port';
  const sentinels: { host: string; port: number }[] = [];
  for (const entry of entries) {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) return 'each entry must be host:port (e.g. sentinel-0:26379)';
    sentinels.push({ host: match[1]!.replace(/^\[|\]$/g, ''), port });
  }
  return sentinels;
}
