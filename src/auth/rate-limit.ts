import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';

export interface RateLimitConfig {
  /** HTTP requests one caller may make per minute; 0 means no limit. */
  readonly callerPerMinute: number;
  /** Operations that may touch one appid per minute, all callers together, for reads and for writes each; 0 means no limit. */
  readonly appidPerMinute: number;
  /** Failed authentications one client address may make per minute before they are answered 429; 0 means no limit. */
  readonly authFailuresPerMinute?: number;
  /** Pushes one client address may send to the platform callback per minute; 0 means no limit. */
  readonly callbackPerMinute?: number;
  /**
   * Replicas sharing the limits through Redis (RATE_LIMIT_REPLICAS). While Redis does not answer,
   * each replica limits alone, in memory, to its share of the limit (the limit divided by this),
   * so the replicas together still let through about the limit, not that many times it.
   */
  readonly replicas?: number;
}

/** A write (create, bind, unbind) or a read (get, have): each has its own bucket per appid. */
export type AppidUse = 'read' | 'write';

export interface RateLimits {
  /** Charges one request to the caller; throws RATE_LIMITED (HTTP 429) when over. */
  chargeCaller(callerId: string): Promise<void>;
  /** Charges one operation to the appid's bucket for `use`; throws RATE_LIMITED when over. */
  chargeAppid(appid: string, use: AppidUse): Promise<void>;
  /** Charges one failed authentication to `address`: seconds to wait when over the limit, else undefined. */
  chargeAuthFailure(address: string): Promise<number | undefined>;
  /** Charges one push to `address`: seconds to wait when over the limit, else undefined. */
  chargeCallback(address: string): Promise<number | undefined>;
}

/**
 * Fixed one-minute windows (rate-limiter-flexible), in memory, or in Redis when a client is given
 * so that every instance shares them. A Redis that does not answer falls back to an in-memory
 * limiter (its "insurance") holding this replica's share of the limit, so an outage neither opens
 * the gate nor fails requests, nor multiplies the limit by the number of replicas.
 */
export function createRateLimits(config: RateLimitConfig, logger: Logger, redis?: Redis): RateLimits {
  const replicas = Math.max(1, config.replicas ?? 1);
  const limiter = (name: string, points: number): RateLimiterAbstract | undefined => {
    if (points === 0) return undefined;
    const options = { keyPrefix: `wxgw:rl:${name}`, duration: 60 };
    if (redis === undefined) return new RateLimiterMemory({ ...options, points });
    const insuranceLimiter = new RateLimiterMemory({ ...options, points: Math.max(1, Math.floor(points / replicas)) });
    return new RateLimiterRedis({ ...options, points, storeClient: redis, insuranceLimiter });
  };
  /** Seconds until `key` may be charged again when over the limit; undefined when charged. */
  const consume = async (limiterFor: RateLimiterAbstract | undefined, key: string): Promise<number | undefined> => {
    if (limiterFor === undefined) return undefined;
    try {
      await limiterFor.consume(key);
      return undefined;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        logger.error({ err: rejection }, 'rate limiter failed; request let through');
        return undefined;
      }
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  };
  const refuse = async (limiterFor: RateLimiterAbstract | undefined, what: 'caller' | 'appid', key: string): Promise<void> => {
    const retryAfterSeconds = await consume(limiterFor, key);
    if (retryAfterSeconds !== undefined) throw rateLimited(what, retryAfterSeconds);
  };
  const callers = limiter('caller', config.callerPerMinute);
  // Readers and writers of an appid have separate buckets: reads cannot use up the writers' limit.
  const appids = { read: limiter('appid:read', config.appidPerMinute), write: limiter('appid:write', config.appidPerMinute) };
  const authFailures = limiter('auth-failure', config.authFailuresPerMinute ?? 0);
  const callbacks = limiter('callback', config.callbackPerMinute ?? 0);
  return {
    chargeCaller: (callerId) => refuse(callers, 'caller', callerId),
    chargeAppid: (appid, use) => refuse(appids[use], 'appid', appid),
    chargeAuthFailure: (address) => consume(authFailures, address),
    chargeCallback: (address) => consume(callbacks, address),
  };
}

export function rateLimited(what: 'caller' | 'appid', retryAfterSeconds: number): GraphQLError {
  const whose = what === 'caller' ? 'this caller has made' : 'this appid has had';
  return new GraphQLError(`Rate limited: ${whose} too many requests; retry after ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      limit: what,
      retryAfterSeconds,
      // Only the caller's limit answers 429: it is charged before anything runs. The appid's is
      // charged per field, and other fields of the same request (a mutation) may have run.
      ...(what === 'caller' ? { http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } } : {}),
    },
  });
}

/** Past the limit of failed authentications from one address: 429, whatever the credentials were. */
export function authFailuresLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limited: too many failed authentications from this address; retry after ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', limit: 'auth-failures', retryAfterSeconds, http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/**
 * The appid charges of one operation: each appid is charged once per use (read, write) however
 * many fields or entities touch it (as the loaders read it once), and every one of them shares
 * the outcome.
 */
export function chargeOncePerOperation(limits: RateLimits): (appid: string, use: AppidUse) => Promise<void> {
  const charged = new Map<string, Promise<void>>();
  return (appid, use) => {
    const key = `${use}:${appid}`;
    let charge = charged.get(key);
    if (charge === undefined) {
      charge = limits.chargeAppid(appid, use);
      charged.set(key, charge);
    }
    return charge;
  };
}
