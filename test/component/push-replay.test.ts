import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { authorizedXml, DEMO_ACCOUNTS, deliver, signedPush, startSimulator, unauthorizedXml, type SignedPush, type Simulator } from '../../src/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { addPlatform, callbackUrlOf, newPlatform, platformEnv, type TestPlatform } from '../support/platform';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An `authorized` push with a code the simulator will exchange, as captured on the wire. */
function authorizedPush(sim: Simulator, platform: TestPlatform, createTime: number, timestamp?: string): SignedPush {
  const { code, expiresAt } = sim.state.components.issueAuthCode(platform.componentAppid, acmeCoffeeOA.appid);
  return signedPush(platform, authorizedXml(platform.componentAppid, acmeCoffeeOA.appid, code, expiresAt, createTime), timestamp);
}
const unauthorizedPush = (platform: TestPlatform, createTime: number, timestamp?: string) =>
  signedPush(platform, unauthorizedXml(platform.componentAppid, acmeCoffeeOA.appid, createTime), timestamp);

/**
 * Issue 13, finding 2: a captured `unauthorized` push, re-sent after the merchant authorised
 * again, deleted the new refresh token; a push signed in 2001 was accepted; each replay of an old
 * `authorized` push cost an api_query_auth call.
 */
describe('platform pushes are accepted once, fresh, and in order (embedded store)', () => {
  let sim: Simulator;
  let gateway: TestGateway;
  let platform: TestPlatform;
  let stateFile: string;
  let callbackUrl: string;

  beforeEach(async () => {
    sim = await startSimulator({ seed: true });
    platform = newPlatform();
    stateFile = join(mkdtempSync(join(tmpdir(), 'gw-push-')), 'credentials.json');
    gateway = await startTestGateway({ simulator: sim, env: { ...platformEnv(platform), STATE_FILE: stateFile, WECHAT_APPS: '{}' } });
    callbackUrl = callbackUrlOf(gateway.url);
    addPlatform(sim, platform, callbackUrl);
    await sim.pushes.pushTicket();
  });
  afterEach(async () => {
    await gateway.stop();
    await sim.close();
  });

  const refreshToken = (): string | undefined =>
    (JSON.parse(readFileSync(stateFile, 'utf8')) as { components: Record<string, { authorizers: Record<string, { refreshToken: string }> }> }).components[platform.componentAppid]?.authorizers[acmeCoffeeOA.appid]?.refreshToken;
  const SUCCESS = { status: 200, text: 'success' };

  it('a replayed unauthorized push after re-authorisation leaves the new refresh token intact', async () => {
    const revoke = unauthorizedPush(platform, nowSeconds() - 30);
    expect(await deliver(callbackUrl, authorizedPush(sim, platform, nowSeconds() - 60))).toEqual(SUCCESS);
    expect(await deliver(callbackUrl, revoke)).toEqual(SUCCESS);
    expect(refreshToken()).toBeUndefined();
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual(SUCCESS); // the merchant authorises again
    const renewed = refreshToken();
    expect(renewed).toEqual(expect.any(String));

    // Verbatim (same timestamp, nonce, signature): answered success, not applied.
    expect(await deliver(callbackUrl, revoke)).toEqual(SUCCESS);
    expect(refreshToken()).toBe(renewed);
    // Re-signed, as WeChat signs its retries (an older CreateTime than the authorisation): not applied.
    expect(await deliver(callbackUrl, unauthorizedPush(platform, nowSeconds() - 30))).toEqual(SUCCESS);
    expect(refreshToken()).toBe(renewed);
    expect(gateway.logs.join('\n')).toContain('older than the one applied last');
  });

  it('after a restart (claims were in memory) the replay is still not applied: the latest event is in the state file', async () => {
    const revoke = unauthorizedPush(platform, nowSeconds() - 30);
    expect(await deliver(callbackUrl, authorizedPush(sim, platform, nowSeconds() - 60))).toEqual(SUCCESS);
    expect(await deliver(callbackUrl, revoke)).toEqual(SUCCESS);
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual(SUCCESS);
    const renewed = refreshToken();
    await gateway.stop();
    gateway = await startTestGateway({ simulator: sim, env: { ...platformEnv(platform), STATE_FILE: stateFile, WECHAT_APPS: '{}' } });
    callbackUrl = callbackUrlOf(gateway.url);
    expect(await deliver(callbackUrl, revoke)).toEqual(SUCCESS);
    expect(refreshToken()).toBe(renewed);
  });

  it('a replayed authorized push costs no second api_query_auth call', async () => {
    const push = authorizedPush(sim, platform, nowSeconds());
    expect(await deliver(callbackUrl, push)).toEqual(SUCCESS);
    expect(await deliver(callbackUrl, push)).toEqual(SUCCESS);
    expect(await deliver(callbackUrl, push)).toEqual(SUCCESS);
    expect(sim.counters.calls('/cgi-bin/component/api_query_auth')).toBe(1);
  });

  it('a push signed with a timestamp outside the window (2001, or an hour ahead) is refused: 401, nothing called or stored', async () => {
    const old = authorizedPush(sim, platform, 1_000_000_000, '1000000000');
    expect(await deliver(callbackUrl, old)).toMatchObject({ status: 401, text: expect.stringContaining('timestamp') });
    const ahead = authorizedPush(sim, platform, nowSeconds(), String(nowSeconds() + 3_600));
    expect((await deliver(callbackUrl, ahead)).status).toBe(401);
    expect(sim.counters.calls('/cgi-bin/component/api_query_auth')).toBe(0);
    expect(refreshToken()).toBeUndefined();
  });

  it('digits moved between timestamp and nonce (the signed text has no delimiters) do not make a new push', async () => {
    const push = authorizedPush(sim, platform, nowSeconds());
    expect(await deliver(callbackUrl, push)).toEqual(SUCCESS);
    const { timestamp, nonce } = push.query;
    const shifted = { ...push.query, timestamp: timestamp.slice(0, -1), nonce: `${timestamp.slice(-1)}${nonce}` };
    expect((await deliver(callbackUrl, { query: shifted, body: push.body })).status).toBe(401);
    const other = { ...push.query, timestamp: `${timestamp}${nonce.slice(0, 1)}`, nonce: nonce.slice(1) };
    expect((await deliver(callbackUrl, { query: other, body: push.body })).status).toBe(401);
    expect(sim.counters.calls('/cgi-bin/component/api_query_auth')).toBe(1);
  });

  it("a push that could not be applied is applied when WeChat sends it again (the claim is released)", async () => {
    sim.faults.inject({ path: '/cgi-bin/component/api_query_auth', kind: 'http500' });
    const push = authorizedPush(sim, platform, nowSeconds());
    expect((await deliver(callbackUrl, push)).status).toBe(503);
    expect(refreshToken()).toBeUndefined();
    expect(await deliver(callbackUrl, push)).toEqual(SUCCESS);
    expect(refreshToken()).toEqual(expect.any(String));
  });
});

describe('platform pushes are accepted once across replicas (Redis)', () => {
  const REDIS_URL = process.env['TEST_REDIS_URL']!;
  let sim: Simulator;
  let platform: TestPlatform;
  let gateways: TestGateway[];
  let redis: Redis;
  let prefix: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    platform = newPlatform();
    prefix = `test:${randomUUID()}:`;
    const env = { ...platformEnv(platform), WECHAT_APPS: '{}', REDIS_URL, REDIS_KEY_PREFIX: prefix };
    gateways = await Promise.all([0, 1].map(() => startTestGateway({ simulator: sim, env })));
    addPlatform(sim, platform, callbackUrlOf(gateways[0]!.url));
    await sim.pushes.pushTicket();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await Promise.all(gateways.map((g) => g.stop()));
    await sim.close();
  });

  it('a push applied by one replica is not applied again by another', async () => {
    const stored = () => redis.hget(`${prefix}refresh:${platform.componentAppid}`, acmeCoffeeOA.appid);
    const revoke = unauthorizedPush(platform, nowSeconds() - 30);
    expect((await deliver(callbackUrlOf(gateways[0]!.url), authorizedPush(sim, platform, nowSeconds() - 60))).status).toBe(200);
    expect((await deliver(callbackUrlOf(gateways[0]!.url), revoke)).status).toBe(200);
    expect(await stored()).toBeNull();
    expect((await deliver(callbackUrlOf(gateways[0]!.url), authorizedPush(sim, platform, nowSeconds()))).status).toBe(200);
    const renewed = await stored();
    expect(renewed).toEqual(expect.any(String));

    expect(await deliver(callbackUrlOf(gateways[1]!.url), revoke)).toEqual({ status: 200, text: 'success' });
    expect(await stored()).toBe(renewed);
    expect(await deliver(callbackUrlOf(gateways[1]!.url), unauthorizedPush(platform, nowSeconds() - 30))).toEqual({ status: 200, text: 'success' });
    expect(await stored()).toBe(renewed);
  });
});
