import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { createRedis, type RedisDurability, type RedisTarget } from './redis-connection';
import { CREATE_RECORD, DELETE_RECORD, DELETE_TOKEN_IF, DROP_READS, GET_READS, PUT_READ, PUT_TICKET, REPLACE_RECORD, UNLOCK } from './redis-scripts';
import { READ_GENERATION_KEEP_MS, StoreUnavailableError, type AppliedEvent, type CachedReads, type Store, type StoredToken, type VerifyTicket } from './store';

const LOG_EVERY_MS = 10_000;

/**
 * Everything in Redis, shared by every replica: tokens as cache (they expire with the token),
 * locks with an owner and an expiry, and the data (ticket, refresh tokens) without expiry, which
 * is why Redis must persist (README: AOF). Keys are `<prefix>token:…`, `<prefix>lock:…`,
 * `<prefix>ticket:<component>`, the hash `<prefix>refresh:<component>`, the pushes' claims and
 * latest events `<prefix>claim:…` / `<prefix>event:…` (they expire), the read cache's hashes
 * `<prefix>reads:<appid>`, and idempotency records `<prefix>idempotency:<hash>` (data, with their
 * own expiry).
 *
 * A Redis that is down fails fast: no offline queue and a command timeout, so a call gets
 * `StoreUnavailableError` at once instead of waiting, and is never answered by fetching a token
 * behind the other replicas' backs. One log line when Redis goes away, one every 10 s while it
 * stays away, one when it is back. `target` is a URL or a Sentinel-managed master
 * (redis-connection.ts): through a failover, calls fail the same way until the promoted replica
 * answers.
 *
 * Writes of data (ticket, refresh tokens, the latest applied push, idempotency records) are
 * answered only once they are as durable as configured: with `durability.replicas`, after `WAIT`
 * saw that many replicas acknowledge them, so a failover to one of them keeps them. They go on a
 * connection of their own, because `WAIT` counts the writes of its own connection and blocks it
 * meanwhile: token reads must not queue behind it. Cache, locks and claims never wait.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  /** The connection; other users of the same Redis (the rate limiter) share it. */
  readonly redis: Redis;
  /** Writes of data and their WAIT, when replicas must acknowledge them; else `redis`. */
  private readonly dataRedis: Redis;
  private down = false;
  private lastLogged = 0;
  private closed = false;

  constructor(
    target: RedisTarget,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly durability: RedisDurability = { replicas: 0, timeoutMs: 0 },
  ) {
    this.redis = createRedis(target, durability);
    this.dataRedis = durability.replicas > 0 ? createRedis(target, durability) : this.redis;
    if (this.dataRedis !== this.redis) this.dataRedis.on('error', () => undefined); // reported through `redis`, which sees the same server
    this.redis.on('error', (error: Error) => this.unavailable(error.message));
    for (const redis of new Set([this.redis, this.dataRedis])) redis.on('end', () => this.reconnectUnlessClosed(redis));
    this.redis.on('ready', () => {
      if (this.down) this.logger.info('credential store (Redis) is reachable again');
      this.down = false;
    });
  }

  /** Connects, waiting at most `timeoutMs`; the gateway starts either way and keeps reconnecting. */
  async connect(timeoutMs = 5_000): Promise<void> {
    // Both connections, when writes of data have their own: a push may arrive at once.
    const connections = this.dataRedis === this.redis ? [this.redis] : [this.redis, this.dataRedis];
    const ready = Promise.all(connections.map((redis) => new Promise<void>((resolve) => redis.once('ready', () => resolve()))));
    for (const redis of connections) redis.connect().catch(() => undefined);
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

  async getCachedReads(appid: string): Promise<CachedReads> {
    const flat = (await this.run(() => this.redis.eval(GET_READS, 1, this.key('reads', appid)))) as string[];
    let generation = 0;
    const values = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === 'gen') generation = Number(flat[i + 1]);
      else values.set(flat[i]!.slice(2), flat[i + 1]!);
    }
    return { generation, values };
  }

  async putCachedRead(appid: string, name: string, value: string, generation: number, ttlMs: number): Promise<boolean> {
    const keepMs = Math.max(ttlMs, READ_GENERATION_KEEP_MS);
    const stored = await this.run(() => this.redis.eval(PUT_READ, 1, this.key('reads', appid), generation, `v:${name}`, value, Math.ceil(ttlMs), keepMs));
    return stored === 1;
  }

  async dropCachedReads(appid: string): Promise<void> {
    await this.run(() => this.redis.eval(DROP_READS, 1, this.key('reads', appid), READ_GENERATION_KEEP_MS));
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return (await this.run(() => this.redis.set(this.key('claim', key), '1', 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async releaseClaim(key: string): Promise<void> {
    await this.run(() => this.redis.del(this.key('claim', key)));
  }

  async getLatestEvent(key: string): Promise<AppliedEvent | undefined> {
    const text = await this.run(() => this.redis.get(this.key('event', key)));
    return text === null ? undefined : (JSON.parse(text) as AppliedEvent);
  }

  async putLatestEvent(key: string, event: AppliedEvent, ttlMs: number): Promise<void> {
    const json = JSON.stringify({ createTime: event.createTime, infoType: event.infoType });
    await this.durably((redis) => redis.set(this.key('event', key), json, 'PX', ttlMs));
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

  async createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    const current = await this.durably((redis) => redis.eval(CREATE_RECORD, 1, this.key('idempotency', key), value, Math.ceil(ttlMs)));
    return typeof current === 'string' ? current : undefined;
  }

  async getRecord(key: string): Promise<string | undefined> {
    return (await this.run(() => this.redis.get(this.key('idempotency', key)))) ?? undefined;
  }

  async replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.durably((redis) => redis.eval(REPLACE_RECORD, 1, this.key('idempotency', key), expected, value, Math.ceil(ttlMs)))) === 1;
  }

  async deleteRecord(key: string, expected: string): Promise<void> {
    await this.durably((redis) => redis.eval(DELETE_RECORD, 1, this.key('idempotency', key), expected));
  }

  /** Connected, and no command has failed since it (re)connected. */
  available(): boolean {
    return this.redis.status === 'ready' && !this.down;
  }

  /** Quits cleanly when connected (waits for the replies in flight), else stops reconnecting. */
  async close(): Promise<void> {
    this.closed = true;
    const quit = async (redis: Redis) => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    };
    await Promise.all([quit(this.redis), ...(this.dataRedis === this.redis ? [] : [quit(this.dataRedis)])]);
  }

  private key(kind: 'token' | 'lock' | 'ticket' | 'refresh' | 'claim' | 'event' | 'reads' | 'idempotency', name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }

  /**
   * ioredis gives up on a client in a few corner cases (a connect attempt cut off mid-way, e.g.
   * during a Sentinel failover), leaving it `end`ed while Redis is back. The store must not stay
   * unavailable for good because of that: a client that ends without `close` connects again.
   */
  private reconnectUnlessClosed(redis: Redis): void {
    if (this.closed) return;
    this.unavailable('the connection to Redis ended; connecting again');
    setTimeout(() => {
      if (!this.closed && redis.status === 'end') redis.connect().catch(() => undefined);
    }, 1_000).unref();
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
