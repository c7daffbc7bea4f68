import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { isAppId } from '../wechat';
import { unauthenticated, type Caller } from './caller';
import { VerifiedTokens } from './verified-tokens';

export interface JwtOptions {
  /** HS256 shared secret; or */
  readonly secret?: string | undefined;
  /** a JWKS URL for asymmetric keys (RS256, PS256, ES256, EdDSA and their larger sizes). */
  readonly jwksUrl?: string | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** Furthest ahead an `exp` may be, in seconds (AUTH_JWT_MAX_LIFETIME_SECONDS); default a day. */
  readonly maxLifetimeSeconds?: number | undefined;
}

/** Seconds of clock difference allowed between the token's issuer and this service. */
const CLOCK_TOLERANCE_SECONDS = 5;
const DEFAULT_MAX_LIFETIME_SECONDS = 86_400;

/** Algorithms accepted per key kind: never `none`, and never HS* against a public key set. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Verifies bearer JWTs with jose: signature (HS256 secret or JWKS), `exp` (required), `nbf`,
 * and `iss`/`aud` when configured. The caller is `sub`, with the appids of the `appids` claim (an
 * array of appids, or "*") and the scopes of `scope` (space-separated).
 */
export function createJwtVerifier(options: JwtOptions, logger: Logger, verified = new VerifiedTokens()): (token: string) => Promise<Caller> {
  const key: Uint8Array | JWTVerifyGetKey =
    options.secret !== undefined
      ? new TextEncoder().encode(options.secret)
      : createRemoteJWKSet(new URL(options.jwksUrl!), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  const algorithms = options.secret !== undefined ? ['HS256'] : ASYMMETRIC;

  return async (token) => {
    // A token verified before, still before its `exp`: the same caller (src/auth/verified-tokens.ts).
    const known = verified.get(token);
    if (known !== undefined) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
        ...(options.audience !== undefined ? { audience: options.audience } : {}),
      }));
    } catch (error) {
      throw rejection(error, options.secret === undefined, logger);
    }
    checkLifetime(payload, options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS);
    const caller = callerFromClaims(payload);
    verified.remember(token, payload.exp!, caller);
    return caller;
  };
}

/**
 * jose checks that `exp` has not passed, not how far ahead it is, and checks `iat` only against a
 * maximum age. A token that lives for years, or says it was issued in the future, is one a
 * stolen signing key or a broken issuer made: refused.
 */
function checkLifetime(payload: JWTPayload, maxLifetimeSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp === 'number' && payload.exp - now > maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw unauthenticated(`the token's "exp" claim is more than ${maxLifetimeSeconds} s ahead; this service accepts shorter-lived tokens.`);
  }
  if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_TOLERANCE_SECONDS)) {
    throw unauthenticated('the token\'s "iat" claim is in the future.');
  }
}

function callerFromClaims(payload: JWTPayload): Caller {
  const { sub, appids, scope } = payload as JWTPayload & { appids?: unknown; scope?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256) throw unauthenticated('the token\'s "sub" claim must be a non-empty string.');
  let entitled: Caller['appids'];
  if (appids === undefined) entitled = new Set();
  else if (appids === '*') entitled = '*';
  else if (Array.isArray(appids) && appids.every(isAppId)) entitled = new Set(appids);
  else throw unauthenticated('the token\'s "appids" claim must be "*" or an array of appids.');
  if (scope !== undefined && typeof scope !== 'string') throw unauthenticated('the token\'s "scope" claim must be a space-separated string.');
  // Frozen: one caller object serves every request that sends the same token.
  return Object.freeze({ id: `jwt:${sub}`, kind: 'jwt', appids: entitled, scopes: new Set((scope ?? '').split(' ').filter(Boolean)) });
}

/** jose's error, as a message a client can act on; a key set we cannot fetch is logged as ours. */
function rejection(error: unknown, remoteKeys: boolean, logger: Logger): Error {
  if (error instanceof errors.JWTExpired) return unauthenticated('the token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) return unauthenticated(`the token's "${error.claim}" claim is not accepted.`);
  if (remoteKeys && (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError))) {
    logger.error({ err: error }, 'could not fetch the JWKS to verify a token');
    return unauthenticated('the token could not be verified now; try again later.');
  }
  return unauthenticated('the token is not a valid, signed JWT for this service.');
}
