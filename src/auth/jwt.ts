import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { isAppId } from '../wechat';
import { unauthenticated, type Caller } from './caller';

export interface JwtOptions {
  /** HS256 shared secret; or */
  readonly secret?: string | undefined;
  /** a JWKS URL for asymmetric keys (RS256, PS256, ES256, EdDSA and their larger sizes). */
  readonly jwksUrl?: string | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

/** Algorithms accepted per key kind: never `none`, and never HS* against a public key set. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Verifies bearer JWTs with jose: signature (HS256 secret or JWKS), `exp` (required), `nbf`,
 * and `iss`/`aud` when configured. The caller is `sub`, with the appids of the `appids` claim (an
 * array of appids, or "*") and the scopes of `scope` (space-separated).
 */
export function createJwtVerifier(options: JwtOptions, logger: Logger): (token: string) => Promise<Caller> {
  const key: Uint8Array | JWTVerifyGetKey =
    options.secret !== undefined
      ? new TextEncoder().encode(options.secret)
      : createRemoteJWKSet(new URL(options.jwksUrl!), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  const algorithms = options.secret !== undefined ? ['HS256'] : ASYMMETRIC;

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 5,
        ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
        ...(options.audience !== undefined ? { audience: options.audience } : {}),
      }));
    } catch (error) {
      throw rejection(error, options.secret === undefined, logger);
    }
    return callerFromClaims(payload);
  };
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
  return { id: `jwt:${sub}`, kind: 'jwt', appids: entitled, scopes: new Set((scope ?? '').split(' ').filter(Boolean)) };
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
