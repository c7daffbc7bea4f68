import { startSimulator, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const preflight = (origin: string) => ({ method: 'OPTIONS' as const, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });

/**
 * Issue 13, finding 4: CORS was `Access-Control-Allow-Origin: *` in production, hard-coded, with
 * no Expose-Headers (a browser could not read Retry-After), and answers had neither nosniff nor
 * no-store.
 */
describe('Security: CORS as configuration, and headers on every GraphQL answer', () => {
  let simulator: Simulator;
  const gateways: TestGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gateway = await startTestGateway({ simulator, env: { AUTH_JWT_SECRET: TEST_JWT_SECRET, ...env } });
    gateways.push(gateway);
    return gateway;
  };
  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await simulator.close();
  });

  it('in production, by default no origin may call from a browser', async () => {
    const gateway = await start({ NODE_ENV: 'production' });
    const answer = await gateway.send({ ...preflight(APP) });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS_ORIGINS names the frontends: a listed origin is echoed (with Vary), another gets nothing; Max-Age and Retry-After exposed', async () => {
    const gateway = await start({ NODE_ENV: 'production', CORS_ORIGINS: `${APP}, https://admin.example.com`, CORS_MAX_AGE_SECONDS: '900' });
    const allowed = await gateway.send({ ...preflight(APP) });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['vary']).toMatch(/Origin/);
    expect(allowed.headers['access-control-max-age']).toBe('900');
    expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    expect((await gateway.send({ ...preflight(EVIL) })).headers['access-control-allow-origin']).toBeUndefined();

    const post = await gateway.send({ body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json', origin: APP } });
    expect(post.headers['access-control-allow-origin']).toBe(APP);
    expect(post.headers['access-control-expose-headers']).toMatch(/Retry-After/);
  });

  it('in development any origin may call (echoed), and a bad CORS_ORIGINS stops the start, named', async () => {
    const gateway = await start({ NODE_ENV: 'development' });
    expect((await gateway.send({ ...preflight(EVIL) })).headers['access-control-allow-origin']).toBe(EVIL);
    await expect(start({ CORS_ORIGINS: 'https://app.example.com/path' })).rejects.toThrow(/CORS_ORIGINS: must be \* or a comma-separated list of origins/);
  });

  it('every GraphQL answer carries nosniff and no-store: served, refused, malformed, preflight', async () => {
    const gateway = await start({ NODE_ENV: 'test' });
    const answers = [
      await gateway.send({ body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json' } }),
      await gateway.send({ body: '{"query":"{ __typename }"}', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' } }),
      // With credentials: the caller is identified from the headers before the body is read.
      await gateway.send({ body: '{"query":', headers: { 'content-type': 'application/json', authorization: `Bearer ${await signToken({ sub: 'cors', appids: '*', scope: 'openaccount:read' })}` } }),
      await gateway.send({ ...preflight(APP) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 400, 204]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });
});
