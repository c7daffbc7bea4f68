import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { ConfigError, loadConfig } from '../../src/config';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { callbackUrlOf, newPlatform, platformEnv } from '../support/platform';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const JSON_TYPE = { 'content-type': 'application/json' };
const READ = 'query($a: String!) { openAccount(appid: $a) { __typename } }';

interface Body {
  data?: unknown;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/**
 * Issue 13, finding 4: the posture hung on NODE_ENV alone. With authentication configured and
 * NODE_ENV unset (development), 401 answers carried stack traces with internal paths; client
 * mistakes (persisted queries, subscriptions) were internal errors logged with a stack.
 */
describe('Security: a posture that does not hang on NODE_ENV', () => {
  let simulator: Simulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
    gateway = await startTestGateway({
      simulator,
      env: { NODE_ENV: 'development', LOG_LEVEL: 'debug', WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_APPID_PER_MINUTE: '1', ...platformEnv(newPlatform()) },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await gateway.send({ body: JSON.stringify(body), headers: { ...JSON_TYPE, ...headers } });
    return { status: response.status, text: response.text, body: JSON.parse(response.text) as Body };
  };
  const bearer = async (claims: Record<string, unknown>, expiresAt?: number) => ({ authorization: `Bearer ${await signToken({ sub: 'u', appids: '*', scope: 'openaccount:read', ...claims }, expiresAt === undefined ? {} : { expiresAt })}` });
  const errorLines = () => gateway.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

  it('configured authentication without NODE_ENV=production logs a loud warning at start', () => {
    const warning = gateway.logs.find((line) => line.includes('AUTHENTICATION IS CONFIGURED BUT NODE_ENV IS') && line.includes('NOT \\"production\\"'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!).level).toBe(40);
  });

  it('client errors carry no stack trace in development mode: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, RATE_LIMITED, validation, persisted queries', async () => {
    const reader = await bearer({});
    const answers = [
      await post({ query: READ, variables: { a: acmeCoffeeOA.appid } }),
      await post({ query: 'mutation { createOpenAccount(appid: "wx803265437fca42de") { __typename } }' }, reader),
      await post({ query: READ, variables: { a: 'wx 1' } }, reader),
      await post({ query: READ, variables: { a: acmeCoffeeOA.appid } }, reader),
      await post({ query: READ, variables: { a: acmeCoffeeOA.appid } }, reader), // over the appid's limit of 1
      await post({ query: '{ nope }' }, reader),
      await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, reader),
    ];
    const codes = answers.map((a) => a.body.errors?.[0]?.extensions['code']);
    expect(codes).toEqual(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', undefined, 'RATE_LIMITED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/stacktrace|node_modules|\/src\/|\.ts:\d+/);
    }
  });

  it.each([
    ['an unsupported persisted-query version', { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }],
    ['a persisted-query version that is a string', { query: '{ __typename }', extensions: { persistedQuery: { version: '1', sha256Hash: 'a'.repeat(64) } } }],
    ['a persisted-query hash that does not match the query', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }],
    ['a subscription', { query: 'subscription { openAccount(appid: "wx803265437fca42de") { __typename } }' }],
  ])('%s: 400 and BAD_REQUEST, not an internal error, and no error line in the log', async (_, body) => {
    const before = errorLines().length;
    const answer = await post(body, await bearer({}));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    expect(answer.body.errors?.[0]?.message).not.toBe('Internal server error');
    expect(errorLines().length).toBe(before);
  });

  it('refuses a token whose exp is further ahead than the maximum lifetime, or whose iat is in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const far = await post({ query: READ, variables: { a: acmeCoffeeOA.appid } }, await bearer({}, now + 10 * 365 * 86_400));
    expect(far.status).toBe(401);
    expect(far.body.errors?.[0]?.message).toMatch(/"exp" claim is more than 86400 s ahead/);
    const issuedLater = await new SignJWT({ sub: 'u', appids: '*', scope: 'openaccount:read' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + 3_600).setExpirationTime(now + 7_200).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const future = await post({ query: READ, variables: { a: acmeCoffeeOA.appid } }, { authorization: `Bearer ${issuedLater}` });
    expect(future.status).toBe(401);
    expect(future.body.errors?.[0]?.message).toMatch(/"iat" claim is in the future/);
    const fine = await post({ query: '{ __typename }' }, await bearer({}, now + 3_600));
    expect(fine.status).toBe(200);
  });

  it('a push whose body the sender aborts is a debug line, not an error with a stack', async () => {
    const before = errorLines().length;
    const { port } = new URL(gateway.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST ${new URL(callbackUrlOf(gateway.url)).pathname} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<xml>`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    for (let i = 0; i < 50 && !gateway.logs.some((l) => l.includes('request body aborted by the client')); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(gateway.logs.find((l) => l.includes('request body aborted by the client'))).toContain('"level":20');
    expect(errorLines().length).toBe(before);
  });
});

describe('Security: JWT checks at start', () => {
  const jwks = { AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json' };
  it('in production a JWKS needs AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE (the key set signs tokens for other services too)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...jwks })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...jwks })).toThrow(/AUTH_JWT_ISSUER: required in production[\s\S]*AUTH_JWT_AUDIENCE: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...jwks, AUTH_JWT_ISSUER: 'https://idp.example.com' })).toThrow(/AUTH_JWT_AUDIENCE/);
    expect(loadConfig({ NODE_ENV: 'production', ...jwks, AUTH_JWT_ISSUER: 'https://idp.example.com', AUTH_JWT_AUDIENCE: 'openaccount-gateway' }).auth.jwt?.audience).toBe('openaccount-gateway');
  });

  it('the maximum lifetime is configurable', () => {
    expect(loadConfig({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWT_MAX_LIFETIME_SECONDS: '3600' }).auth.jwt?.maxLifetimeSeconds).toBe(3600);
    expect(() => loadConfig({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWT_MAX_LIFETIME_SECONDS: '1' })).toThrow(/AUTH_JWT_MAX_LIFETIME_SECONDS/);
  });
});
