import { readFileSync } from 'node:fs';
import { readApiKeysFile } from './api-keys';
import type { AuthConfig } from './authenticate';

/** The variables that turn authentication on; production refuses to start without one. */
const AUTH_VARIABLES = 'AUTH_JWT_SECRET (or AUTH_JWT_SECRET_FILE), AUTH_JWKS_URL or AUTH_API_KEYS_FILE';

/** The authentication variables, each already checked on its own by src/config/variables.ts. */
export interface AuthVariables {
  readonly production: boolean;
  readonly AUTH_JWT_SECRET?: string | undefined;
  readonly AUTH_JWT_SECRET_FILE?: string | undefined;
  readonly AUTH_JWKS_URL?: string | undefined;
  readonly AUTH_JWT_ISSUER?: string | undefined;
  readonly AUTH_JWT_AUDIENCE?: string | undefined;
  readonly AUTH_API_KEYS_FILE?: string | undefined;
  readonly AUTH_JWT_MAX_LIFETIME_SECONDS?: number | undefined;
}

/**
 * The checks across variables, and the files they point at. Returns issue lines that name the
 * variable and the problem, never a value from the file or the environment.
 */
export function readAuthConfig(e: AuthVariables, issues: string[]): AuthConfig {
  const { production } = e;
  let secret = e.AUTH_JWT_SECRET;
  if (e.AUTH_JWT_SECRET_FILE !== undefined) {
    if (secret !== undefined) issues.push('  AUTH_JWT_SECRET_FILE: set either AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE, not both');
    try {
      secret = readFileSync(e.AUTH_JWT_SECRET_FILE, 'utf8').trim();
      if (secret.length < 32) issues.push('  AUTH_JWT_SECRET_FILE: the secret must be at least 32 characters (256 bits for HS256)');
    } catch (error) {
      issues.push(`  AUTH_JWT_SECRET_FILE: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (secret !== undefined && e.AUTH_JWKS_URL !== undefined) issues.push('  AUTH_JWKS_URL: set either a JWT secret or AUTH_JWKS_URL, not both');
  if (production && e.AUTH_JWKS_URL?.startsWith('http:')) issues.push('  AUTH_JWKS_URL: must be https in production');
  // A key set usually signs tokens for many services: without both checks, a token the same
  // identity provider minted for another service (aud: "billing") would be accepted here.
  if (production && e.AUTH_JWKS_URL !== undefined) {
    for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) {
      if (e[name] === undefined) issues.push(`  ${name}: required in production with AUTH_JWKS_URL (the key set signs tokens for other services too)`);
    }
  }
  const jwtConfigured = secret !== undefined || e.AUTH_JWKS_URL !== undefined;
  for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) {
    if (e[name] !== undefined && !jwtConfigured) issues.push(`  ${name}: has no effect without AUTH_JWT_SECRET or AUTH_JWKS_URL`);
  }
  let apiKeys: AuthConfig['apiKeys'];
  if (e.AUTH_API_KEYS_FILE !== undefined) {
    try {
      apiKeys = readApiKeysFile(e.AUTH_API_KEYS_FILE);
    } catch (error) {
      issues.push(`  AUTH_API_KEYS_FILE: ${(error as Error).message}`);
    }
  }
  if (production && !jwtConfigured && e.AUTH_API_KEYS_FILE === undefined) {
    issues.push(`  AUTH: authentication is required in production: set ${AUTH_VARIABLES}`);
  }
  return {
    jwt: jwtConfigured
      ? { secret, jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_JWT_ISSUER, audience: e.AUTH_JWT_AUDIENCE, maxLifetimeSeconds: e.AUTH_JWT_MAX_LIFETIME_SECONDS }
      : undefined,
    apiKeys,
  };
}
