import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { TEST_JWT_SECRET } from '../support/auth';
import { runGatewayToExit } from '../support/gateway-process';
import { useHarness } from '../support/harness';

const tmp = mkdtempSync(join(tmpdir(), 'gateway-startup-'));
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const messageOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted it');
};

describe('Security: the gateway starts only in a safe posture, and says what to fix', () => {
  const harness = useHarness();

  it('production without authentication refuses to start, naming the variables to set', () => {
    const message = messageOf({ NODE_ENV: 'production' });
    expect(message).toMatch(/authentication is required in production/);
    for (const name of ['AUTH_JWT_SECRET', 'AUTH_JWT_SECRET_FILE', 'AUTH_JWKS_URL', 'AUTH_API_KEYS_FILE']) expect(message).toContain(name);
  });

  it('production without authentication: the process prints that and exits 1', async () => {
    const { code, stderr } = await runGatewayToExit({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/authentication is required in production: set AUTH_JWT_SECRET/);
  });

  it.each([
    ['a JWT secret', { AUTH_JWT_SECRET: TEST_JWT_SECRET }],
    ['a JWT secret file', { AUTH_JWT_SECRET_FILE: file('jwt-secret', `${TEST_JWT_SECRET}\n`) }],
    ['a JWKS URL (with its issuer and audience)', { AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json', AUTH_JWT_ISSUER: 'https://idp.example.com', AUTH_JWT_AUDIENCE: 'openaccount-gateway' }],
    ['an API keys file', { AUTH_API_KEYS_FILE: file('keys.json', '[]') }],
  ])('production starts with %s', (_, env) => {
    const config = loadConfig({ NODE_ENV: 'production', ...env });
    expect(config.explorer).toBe(false);
    expect(config.rateLimits).toEqual({ callerPerMinute: 1200, appidPerMinute: 600, authFailuresPerMinute: 30, callbackPerMinute: 300, replicas: 1 });
  });

  it.each([
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short-secret' }, 'short-secret'],
    ['AUTH_JWT_SECRET_FILE', { AUTH_JWT_SECRET_FILE: file('short', 'tiny-secret-value') }, 'tiny-secret-value'],
    ['AUTH_JWT_SECRET_FILE', { AUTH_JWT_SECRET_FILE: join(tmp, 'missing') }, undefined],
    ['AUTH_JWKS_URL', { AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWKS_URL: 'https://idp.example.com/jwks' }, TEST_JWT_SECRET],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'ftp://idp.example.com/jwks' }, undefined],
    ['AUTH_JWKS_URL', { NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp.example.com/jwks' }, undefined],
    ['AUTH_JWT_ISSUER', { AUTH_JWT_ISSUER: 'https://idp' }, undefined],
    ['AUTH_API_KEYS_FILE', { AUTH_API_KEYS_FILE: file('bad-json', '{"sha256": "topsecretkeyvalue"') }, 'topsecretkeyvalue'],
    ['AUTH_API_KEYS_FILE', { AUTH_API_KEYS_FILE: file('plain-key', JSON.stringify([{ name: 'svc', sha256: 'wxgw_plaintextkeyvalue', appids: '*', scopes: [] }])) }, 'wxgw_plaintextkeyvalue'],
    ['AUTH_API_KEYS_FILE', { AUTH_API_KEYS_FILE: file('bad-scope', JSON.stringify([{ name: 'svc', sha256: 'a'.repeat(64), appids: '*', scopes: ['admin'] }])) }, undefined],
    ['AUTH_API_KEYS_FILE', { AUTH_API_KEYS_FILE: file('bad-appid', JSON.stringify([{ name: 'svc', sha256: 'a'.repeat(64), appids: ['wx/../1'], scopes: [] }])) }, 'wx/../1'],
    ['AUTH_API_KEYS_FILE', { AUTH_API_KEYS_FILE: file('dupe', JSON.stringify([{ name: 'a', sha256: 'a'.repeat(64), appids: '*', scopes: [] }, { name: 'a', sha256: 'b'.repeat(64), appids: '*', scopes: [] }])) }, undefined],
    ['RATE_LIMIT_CALLER_PER_MINUTE', { RATE_LIMIT_CALLER_PER_MINUTE: '-1' }, undefined],
    ['MAX_QUERY_DEPTH', { MAX_QUERY_DEPTH: '0' }, undefined],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }, undefined],
  ])('refuses a bad %s (case %#), naming it and never repeating a secret', (name, env, secret) => {
    const message = messageOf(env as Record<string, string>);
    expect(message).toMatch(new RegExp(`^\\s+${name}:`, 'm'));
    if (secret !== undefined) expect(message).not.toContain(secret);
  });

  it('outside production with no authentication, runs open with a warning at start and on the landing page', async () => {
    const gateway = await harness.gateway({ env: { NODE_ENV: 'development' } });
    expect(gateway.logs.some((line) => /NO AUTHENTICATION CONFIGURED/.test(line) && JSON.parse(line).level === 40)).toBe(true);
    const page = await gateway.send({ method: 'GET', path: '/', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<body[^>]*><p role="alert"><strong>&#9888; NO AUTHENTICATION CONFIGURED/);
  });

  it('with authentication configured there is no such warning', async () => {
    const gateway = await harness.gateway({ env: { NODE_ENV: 'development', AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    expect(gateway.logs.some((line) => /NO AUTHENTICATION/.test(line))).toBe(false);
    const page = await gateway.send({ method: 'GET', path: '/', headers: { accept: 'text/html' } });
    expect(page.text).not.toMatch(/NO AUTHENTICATION/);
  });
});
