import Redis, { type RedisOptions } from 'ioredis';

/** A Sentinel-managed master: Sentinel says which server is the master now. */
export interface SentinelTarget {
  readonly sentinels: readonly { readonly host: string; readonly port: number }[];
  /** The master group's name, as in the Sentinels' `sentinel monitor <name> …`. */
  readonly name: string;
}

/** Where the shared store's Redis is: one `redis://` URL, or a master found through Sentinel. */
export type RedisTarget = string | SentinelTarget;

/** How durable a write of data (not cache) must be before it counts as stored. */
export interface RedisDurability {
  /** Replicas that must have a data write (`WAIT`) before it is answered as stored; 0: none. */
  readonly replicas: number;
  /** How long to wait for them; fewer in time is a failed write (the store is unavailable). */
  readonly timeoutMs: number;
}

/**
 * Fail fast: no offline queue and a command timeout, so a call gets an error at once instead of
 * waiting for a Redis that is down (or being failed over), and reconnection goes on behind it.
 */
const FAIL_FAST: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  retryStrategy: (times) => Math.min(100 * times, 2_000),
};

/**
 * A client for `target`. Through Sentinel, ioredis asks the Sentinels for the master, checks that
 * the server it reached is one (`ROLE`), and on a lost connection asks again: after a failover it
 * finds the promoted replica. A master that was demoted while still alive (a failover ordered by
 * an operator) answers writes with READONLY: that error, too, makes it reconnect and ask again.
 *
 * Not ioredis' `failoverDetector`: its `+switch-master` handler disconnects the connector even
 * while a reconnection is under way, and a connect cut off that way leaves the client closed for
 * good (status `end`), which RedisStore then has to undo (it reconnects a client that ends).
 */
export function createRedis(target: RedisTarget, durability?: RedisDurability): Redis {
  // A WAIT holds its command for up to its timeout: the command timeout must outlast it.
  const commandTimeout = Math.max(FAIL_FAST.commandTimeout!, (durability?.timeoutMs ?? 0) + 1_000);
  const options: RedisOptions = { ...FAIL_FAST, commandTimeout, reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 1 : false) };
  if (typeof target === 'string') return new Redis(target, options);
  return new Redis({
    ...options,
    sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
    name: target.name,
    sentinelRetryStrategy: (times) => Math.min(100 * times, 2_000),
    sentinelCommandTimeout: 2_000,
  });
}

