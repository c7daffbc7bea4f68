import { SignJWT } from 'jose';
import { hashApiKey } from '../../src/auth/api-keys';

/** The HS256 secret the security tests configure (AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';

export interface TokenClaims {
  sub?: string;
  appids?: unknown;
  scope?: unknown;
  [claim: string]: unknown;
}

/** A signed HS256 JWT, valid for an hour unless `expiresAt` (seconds since the epoch) says otherwise. */
export async function signToken(
  claims: TokenClaims,
  options: { secret?: string; expiresAt?: number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(options.expiresAt ?? '1h');
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** An unsigned token (`alg: none`), as an attacker would forge one. */
export function unsignedToken(claims: TokenClaims): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.`;
}

/** An API keys file entry for `key`, as scripts/hash-api-key.ts prints it. */
export function apiKeyEntry(name: string, key: string, appids: '*' | string[], scopes: string[]): object {
  return { name, sha256: hashApiKey(key), appids, scopes };
}
