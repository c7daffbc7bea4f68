import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';

export interface RateLimitConfig {
  /** HTTP requests one caller may make per minute; 0 means no limit. */
  readonly callerPerMinute: number;
  /** Operations that may touch one appid per minute, all callers together; 0 means no limit. */
  readonly appidPerMinute: number;
}

export interface RateLimits {
  /** Charges one request to the caller; throws RATE_LIMITED (HTTP 429) when over. */
  chargeCaller(callerId: string): Promise<void>;
  /** Charges one operation to the appid; throws RATE_LIMITED when over. */
  chargeAppid(appid: string): Promise<void>;
}

/**
 * Fixed one-minute windows per caller and per appid (rate-limiter-flexible), in memory, or in
 * Redis when a client is given so that every instance shares them. A Redis that does not answer
 * falls back to the in-memory limiter (its "insurance"), so an outage neither opens the gate nor
 * fails requests.
 */
export function createRateLimits(config: RateLimitConfig, logger: Logger, redis?: Redis): RateLimits {
  const limiter = (name: string, points: number): RateLimiterAbstract | undefined => {
    if (points === 0) return undefined;
    const options = { keyPrefix: `wxgw:rl:${name}`, points, duration: 60 };
    const memory = new RateLimiterMemory(options);
    return redis === undefined ? memory : new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory });
  };
  const consume = async (limiterFor: RateLimiterAbstract | undefined, what: 'caller' | 'appid', key: string) => {
    if (limiterFor === undefined) return;
    try {
      await limiterFor.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        logger.error({ err: rejection }, 'rate limiter failed; request let through');
        return;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rateLimited(what, retryAfterSeconds);
    }
  };
  const callers = limiter('caller', config.callerPerMinute);
  const appids = limiter('appid', config.appidPerMinute);
  return {
    chargeCaller: (callerId) => consume(callers, 'caller', callerId),
    chargeAppid: (appid) => consume(appids, 'appid', appid),
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

/**
 * The appid charge of one operation: each appid is charged once however many fields or entities
 * touch it (as the loaders read it once), and every one of them shares the outcome.
 */
export function chargeOncePerOperation(limits: RateLimits): (appid: string) => Promise<void> {
  const charged = new Map<string, Promise<void>>();
  return (appid) => {
    let charge = charged.get(appid);
    if (charge === undefined) {
      charge = limits.chargeAppid(appid);
      charged.set(appid, charge);
    }
    return charge;
  };
}
