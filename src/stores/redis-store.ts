import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { createRedis, type RedisDurability, type RedisTarget } from './redis-connection';
import { StoreUnavailableError, type Store, type StoredToken, type VerifyTicket } from './store';

/** Deletes KEYS[1] only while it holds ARGV[1]: an owner-checked unlock. */
const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** Deletes the token at KEYS[1] only while its value is ARGV[1]: compare-and-delete. */
const DELETE_TOKEN_IF = `
local current = redis.call('get', KEYS[1])
if current and cjson.decode(current).value == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/** Stores the ticket ARGV[1] (JSON) unless the stored one has a later createTime (ARGV[2]). */
const PUT_TICKET = `
local current = redis.call('get', KEYS[1])
if current and tonumber(cjson.decode(current).createTime) > tonumber(ARGV[2]) then return 0 end
redis.call('set', KEYS[1], ARGV[1])
return 1`;

/** How often "still unavailable" may be logged while Redis stays down. */
const LOG_EVERY_MS = 10_000;

/**
 * Everything in Redis, shared by every replica: tokens as cache (they expire with the token),
 * locks with an owner and an expiry, and the data (ticket, refresh tokens) without expiry, which
 * is why Redis must persist (README: AOF). Keys are `<prefix>token:…`, `<prefix>lock:…`,
 * `<prefix>ticket:<component>` and the hash `<prefix>refresh:<component>`.
 *
 * A Redis that is down fails fast: no offline queue and a command timeout, so a call gets
 * `StoreUnavailableError` at once instead of waiting, and is never answered by fetching a token
 * behind the other replicas' backs. One log line when Redis goes away, one every 10 s while it
 * stays away, one when it is back. `target` is a URL or a Sentinel-managed master
 * (redis-connection.ts): through a failover, calls fail the same way until the promoted replica
 * answers.
 *
 * Writes of data are answered only once they are as durable as configured: with
 * `durability.replicas`, after `WAIT` saw that many replicas acknowledge them, so a failover to
 * one of them keeps them. They go on a connection of their own, because `WAIT` counts the writes
 * of its own connection and blocks it meanwhile: token reads must not queue behind it.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  /** The connection; other users of the same Redis (the rate limiter) share it. */
  readonly redis: Redis;
  /** Writes of data and their WAIT, when replicas must acknowledge them; else `redis`. */
  private readonly dataRedis: Redis;
  private down = false;
  private lastLogged = 0;

  constructor(
    target: RedisTarget,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly durability: RedisDurability = { replicas: 0, timeoutMs: 0 },
  ) {
    this.redis = createRedis(target, durability);
    this.dataRedis = durability.replicas > 0 ? createRedis(target, durability) : this.redis;
    this.dataRedis.on('error', () => undefined); // reported through `redis`, which sees the same server
    this.redis.on('error', (error: Error) => this.unavailable(error.message));
    this.redis.on('ready', () => {
      if (this.down) this.logger.info('credential store (Redis) is reachable again');
      this.down = false;
    });
  }

  /** Connects, waiting at most `timeoutMs`; the gateway starts either way and keeps reconnecting. */
  async connect(timeoutMs = 5_000): Promise<void> {
    const ready = new Promise<void>((resolve) => this.redis.once('ready', () => resolve()));
    this.redis.connect().catch(() => undefined);
    if (this.dataRedis !== this.redis) this.dataRedis.connect().catch(() => undefined);
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  async getToken(key: string): Promise<StoredToken | undefined> {
    const text = await this.run(() => this.redis.get(this.key('token', key)));
    return text === null ? undefined : (JSON.parse(text) as StoredToken);
  }

  async putToken(key: string, token: StoredToken): Promise<void> {
    const ttl = Math.max(1, Math.floor(token.expiresAt - Date.now()));
    await this.run(() => this.redis.set(this.key('token', key), JSON.stringify(token), 'PX', ttl));
  }

  async deleteTokenIf(key: string, value: string): Promise<boolean> {
    return (await this.run(() => this.redis.eval(DELETE_TOKEN_IF, 1, this.key('token', key), value))) === 1;
  }

  async deleteToken(key: string): Promise<void> {
    await this.run(() => this.redis.del(this.key('token', key)));
  }

  async tryLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.run(() => this.redis.set(this.key('lock', key), owner, 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async unlock(key: string, owner: string): Promise<void> {
    await this.run(() => this.redis.eval(UNLOCK, 1, this.key('lock', key), owner));
  }

  async getTicket(componentAppid: string): Promise<VerifyTicket | undefined> {
    const text = await this.run(() => this.redis.get(this.key('ticket', componentAppid)));
    return text === null ? undefined : (JSON.parse(text) as VerifyTicket);
  }

  async putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void> {
    const json = JSON.stringify({ value: ticket.value, createTime: ticket.createTime });
    await this.durably((redis) => redis.eval(PUT_TICKET, 1, this.key('ticket', componentAppid), json, String(ticket.createTime)));
  }

  async getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined> {
    return (await this.run(() => this.redis.hget(this.key('refresh', componentAppid), authorizerAppid))) ?? undefined;
  }

  async putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void> {
    await this.durably((redis) => redis.hset(this.key('refresh', componentAppid), authorizerAppid, refreshToken));
  }

  async deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void> {
    await this.durably((redis) => redis.hdel(this.key('refresh', componentAppid), authorizerAppid));
  }

  /** Quits cleanly when connected (waits for the replies in flight), else stops reconnecting. */
  async close(): Promise<void> {
    const quit = async (redis: Redis) => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    };
    await Promise.all([quit(this.redis), ...(this.dataRedis === this.redis ? [] : [quit(this.dataRedis)])]);
  }

  private key(kind: 'token' | 'lock' | 'ticket' | 'refresh', name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }

  /**
   * A write of data, then (with replicas configured) `WAIT` on the same connection: fewer
   * acknowledgements in time is a failure, so the caller reports the store unavailable (a push
   * is answered 503 and WeChat sends it again) rather than a write a failover could lose. The
   * master has it either way; writing it again is harmless.
   */
  private async durably<T>(write: (redis: Redis) => Promise<T>): Promise<T> {
    const result = await this.run(() => write(this.dataRedis));
    const { replicas, timeoutMs } = this.durability;
    if (replicas > 0) {
      const acknowledged = await this.run(() => this.dataRedis.wait(replicas, timeoutMs));
      if (acknowledged < replicas) {
        const detail = `a write of data reached ${acknowledged} of the ${replicas} replicas required (REDIS_WAIT_REPLICAS) within ${timeoutMs} ms`;
        this.logger.error({ store: 'redis', detail }, 'credential store (Redis): a write of data is not durable');
        throw new StoreUnavailableError('redis', `Redis: ${detail}`);
      }
    }
    return result;
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.unavailable(detail);
      throw new StoreUnavailableError('redis', `Redis: ${detail}`);
    }
  }

  /** Logs that Redis is unavailable: at once when it goes away, then at most every 10 s. */
  private unavailable(detail: string): void {
    const now = Date.now();
    if (this.down && now - this.lastLogged < LOG_EVERY_MS) return;
    this.logger.error({ store: 'redis', detail }, this.down ? 'credential store (Redis) is still unavailable' : 'credential store (Redis) is unavailable: no token can be read or refreshed');
    this.down = true;
    this.lastLogged = now;
  }
}
