import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, startSimulator, type Simulator } from '../../src/simulator';
import { OpenAccountDocument } from '../../client';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { addPlatform, callbackUrlOf, newPlatform, platformEnv } from '../support/platform';
import { RedisProcess } from '../support/redis-server';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const BUILD = process.env['TEST_GATEWAY_BUILD']!;

async function openAccount(gatewayUrl: string, appid: string): Promise<unknown> {
  const response = await request(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(OpenAccountDocument), variables: { appid } }) });
  return ((await response.body.json()) as { data?: { openAccount: unknown } }).data?.openAccount;
}

async function stop(gateway: GatewayProcess): Promise<void> {
  gateway.child.kill('SIGTERM');
  expect(await gateway.exited).toBe(0);
}

/**
 * The verify ticket and refresh tokens live only in Redis. Run as the README says (AOF,
 * `appendfsync everysec`), a Redis that crashes (SIGKILL: no shutdown save) and comes back on the
 * same directory still has them: a restarted gateway serves the merchant with no new push.
 */
describe('Redis with an append-only file, killed and restarted', () => {
  let sim: Simulator;
  let redis: RedisProcess;

  beforeEach(async () => {
    sim = await startSimulator({ seed: true });
    redis = await RedisProcess.start({ args: ['--appendonly', 'yes', '--appendfsync', 'everysec'] });
  });
  afterEach(async () => {
    await redis.stop();
    await sim.close();
  });

  it('keeps the pushed ticket and the authorised merchant: after the restart the call works with no new push', async () => {
    const platform = newPlatform();
    const env = { ...platformEnv(platform), WECHAT_API_BASE: sim.url, REDIS_URL: redis.url };
    const first = await spawnGateway(env, BUILD);
    addPlatform(sim, platform, callbackUrlOf(first.url));
    expect(await sim.pushes.pushTicket()).toMatchObject({ status: 200, text: 'success' });
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    expect(await openAccount(first.url, acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccount' });

    await redis.kill();
    redis = await redis.restart();
    await stop(first);

    const second = await spawnGateway(env, BUILD);
    try {
      // Every token WeChat issued is dead, so only the stored ticket and refresh token can serve.
      sim.state.expireTokens();
      sim.counters.reset();
      expect(await openAccount(second.url, acmeCoffeeOA.appid)).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
      expect(sim.counters.componentTokenFetches()).toBe(1); // from the ticket pushed before the crash
      expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1); // from the stored refresh token
    } finally {
      await stop(second);
    }
  });
});
