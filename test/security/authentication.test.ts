import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET, unsignedToken } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const READ_QUERY = 'query($a: String!) { openAccount(appid: $a) { __typename } }';
const { acmeCoffeeOA } = DEMO_ACCOUNTS;

describe('Security: only a valid JWT gets in, and nothing else reaches WeChat', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_JWT_ISSUER: 'https://idp.test', AUTH_JWT_AUDIENCE: 'openaccount-gateway' }));
  });

  const post = (headers: Record<string, string>, query = READ_QUERY, variables: object = { a: acmeCoffeeOA.appid }) =>
    gateway.send({ body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', ...headers } });
  const valid = (claims: Record<string, unknown> = {}, options: Parameters<typeof signToken>[1] = {}) =>
    signToken({ sub: 'user-1', appids: '*', scope: 'openaccount:read', ...claims }, { issuer: 'https://idp.test', audience: 'openaccount-gateway', ...options });

  async function expectUnauthenticated(headers: Record<string, string>, message?: RegExp): Promise<void> {
    simulator.counters.reset();
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    const body = JSON.parse(response.text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    if (message) expect(body.errors[0].message).toMatch(message);
    expect(body.data).toBeUndefined();
    expect(simulator.counters.calls()).toBe(0);
  }

  it('accepts a valid JWT and serves the operation', async () => {
    const response = await post({ authorization: `Bearer ${await valid()}` });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.openAccount.__typename).toBe('OpenAccount');
  });

  it('no credentials → UNAUTHENTICATED (401), nothing sent to WeChat', async () => {
    await expectUnauthenticated({}, /Authorization: Bearer/);
  });

  it('an alg: none (unsigned) JWT → UNAUTHENTICATED', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${unsignedToken({ sub: 'x', appids: '*', scope: 'openaccount:read openaccount:write', iss: 'https://idp.test', aud: 'openaccount-gateway' })}` });
  });

  it('an expired JWT → UNAUTHENTICATED, saying it expired', async () => {
    await expectUnauthenticated({ authorization: `Bearer ${await valid({}, { expiresAt: Math.floor(Date.now() / 1000) - 60 })}` }, /expired/);
  });

  it.each([
    ['signed with another secret', () => valid({}, { secret: 'another-secret-of-at-least-32-characters!!' })],
    ['from another issuer', () => valid({}, { issuer: 'https://evil.test' })],
    ['for another audience', () => valid({}, { audience: 'another-service' })],
    ['without sub', () => signToken({ appids: '*', scope: 'openaccount:read' }, { issuer: 'https://idp.test', audience: 'openaccount-gateway' })],
    ['with a malformed appids claim', () => valid({ appids: 'wx1 wx2' })],
    ['with appids that are not appids', () => valid({ appids: ['wx1/../x'] })],
    ['with a non-string scope', () => valid({ scope: ['openaccount:read'] })],
    ['with a tampered payload', async () => {
      const [header, , signature] = (await valid({ appids: ['wx1'] })).split('.');
      return `${header}.${Buffer.from(JSON.stringify({ sub: 'user-1', appids: '*', exp: 9999999999 })).toString('base64url')}.${signature}`;
    }],
    ['with its signature removed', async () => (await valid()).split('.').slice(0, 2).join('.') + '.'],
  ])('a JWT %s → UNAUTHENTICATED', async (_, token) => {
    await expectUnauthenticated({ authorization: `Bearer ${await token()}` });
  });

  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['a bare token', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
    ['Bearer with nothing', 'Bearer '],
    ['garbage', 'Bearer not-a-jwt-and-no-api-keys'],
  ])('%s → UNAUTHENTICATED', async (_, authorization) => {
    await expectUnauthenticated({ authorization });
  });

  it('an HS256 JWT is not accepted with alg HS512 or an RSA header', async () => {
    const token = await valid();
    const [, payload, signature] = token.split('.');
    for (const alg of ['HS512', 'RS256', 'none', 'None', 'NONE']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      await expectUnauthenticated({ authorization: `Bearer ${header}.${payload}.${signature}` });
    }
  });

  it('names no credential in responses or logs', async () => {
    const token = await valid({}, { expiresAt: 1 });
    const response = await post({ authorization: `Bearer ${token}` });
    expect(response.text).not.toContain(token);
    expect(gateway.logs.join('\n')).not.toContain(token.split('.')[2]);
    expect(gateway.logs.join('\n')).not.toContain(TEST_JWT_SECRET);
  });

  it('reads DEMO data unchanged: nothing above reached a mutation', async () => {
    expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(DEMO_OPEN_ACCOUNTS.acmeApi.openAppid);
  });
});

describe('Security: JWTs are verified against the key set of AUTH_JWKS_URL', () => {
  const harness = useHarness('all');
  let gateway: TestGateway;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    const jwksServer = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    harness.adopt('JWKS server', jwksUrl, jwksServer, () => new Promise((resolve) => jwksServer.close(resolve)));
    gateway = await harness.gateway({ env: { AUTH_JWKS_URL: jwksUrl, AUTH_JWT_AUDIENCE: 'openaccount-gateway' } });
  });

  const rs256 = (claims: Record<string, unknown> = {}, kid = 'key-1') =>
    new SignJWT({ sub: 'user-2', appids: '*', scope: 'openaccount:read', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setAudience('openaccount-gateway')
      .setExpirationTime('1h')
      .sign(privateKey);
  const status = async (authorization: string) =>
    (await gateway.send({ body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/json', authorization } })).status;

  it('accepts an RS256 token signed by a key of the set', async () => {
    expect(await status(`Bearer ${await rs256()}`)).toBe(200);
  });

  it('refuses an HS256 token (no HS* against a key set), and an unknown kid', async () => {
    expect(await status(`Bearer ${await signToken({ sub: 'x', appids: '*' })}`)).toBe(401);
    expect(await status(`Bearer ${await rs256({}, 'key-2')}`)).toBe(401);
  });

  it('answers 401, not 5xx, while the key set cannot be fetched, and logs that as its own error', async () => {
    const stranded = await harness.gateway({ env: { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json' } });
    const response = await stranded.send({ body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${await rs256()}` } });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text).errors[0].message).toMatch(/could not be verified now/);
    expect(stranded.logs.some((line) => line.includes('could not fetch the JWKS'))).toBe(true);
  });
});
