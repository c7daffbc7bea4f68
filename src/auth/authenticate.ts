import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { createApiKeyVerifier, type ApiKeyEntry } from './api-keys';
import { ANONYMOUS_DEVELOPER, unauthenticated, type Caller } from './caller';
import { createJwtVerifier, type JwtOptions } from './jwt';

export interface AuthConfig {
  readonly jwt: JwtOptions | undefined;
  readonly apiKeys: readonly ApiKeyEntry[] | undefined;
}

export interface Authenticator {
  /** True when nothing is configured: every request is the anonymous developer (never in production). */
  readonly open: boolean;
  /** The caller of a request, or a 401 UNAUTHENTICATED GraphQLError; `address` (the client's) goes in the failure's log line. */
  authenticate(headers: IncomingHttpHeaders, address?: string): Promise<Caller>;
}

/** Longest credential looked at; anything longer is refused without parsing it. */
const MAX_CREDENTIAL_LENGTH = 8 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/**
 * Who is calling: `Authorization: Bearer <JWT>` for users and apps (a router forwards the
 * header), `Authorization: Bearer <API key>` or `X-API-Key: <API key>` for services. A bearer
 * value shaped like a JWT (three dot-separated parts) is verified as one; anything else is
 * looked up as an API key. No credentials is a 401, unless nothing is configured (development).
 */
export function createAuthenticator(config: AuthConfig, logger: Logger): Authenticator {
  const verifyJwt = config.jwt !== undefined ? createJwtVerifier(config.jwt, logger) : undefined;
  const verifyApiKey = config.apiKeys !== undefined ? createApiKeyVerifier(config.apiKeys) : undefined;
  const open = verifyJwt === undefined && verifyApiKey === undefined;

  const fail = (address: string | undefined, reason: string, message: string): never => {
    logger.info({ reason, address }, 'authentication failed');
    throw unauthenticated(message);
  };

  return {
    open,
    async authenticate(headers, address) {
      if (open) return ANONYMOUS_DEVELOPER;
      const credential = readCredential(headers);
      if (credential === undefined) {
        return fail(address, 'no credentials', 'send "Authorization: Bearer <token>" (a JWT or an API key) or "X-API-Key: <key>".');
      }
      if (credential === 'malformed') return fail(address, 'malformed', 'the Authorization header must be "Bearer <token>".');
      if (credential.value.length > MAX_CREDENTIAL_LENGTH) return fail(address, 'too long', 'the credentials are too long.');
      if (credential.from === 'bearer' && JWT_SHAPE.test(credential.value)) {
        if (verifyJwt === undefined) return fail(address, 'jwt not configured', 'this service does not accept JWTs; use an API key.');
        try {
          return await verifyJwt(credential.value);
        } catch (error) {
          logger.info({ reason: (error as Error).message, address }, 'authentication failed');
          throw error;
        }
      }
      const caller = verifyApiKey?.(credential.value);
      return caller ?? fail(address, 'unknown api key', verifyApiKey ? 'the API key is not known.' : 'this service does not accept API keys; use a JWT.');
    },
  };
}

function readCredential(headers: IncomingHttpHeaders): { from: 'bearer' | 'api-key-header'; value: string } | 'malformed' | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined && authorization !== '') {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match ? { from: 'bearer', value: match[1]! } : 'malformed';
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return { from: 'api-key-header', value: apiKey.trim() };
  return undefined;
}
