import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { OpenAccountDocument } from '../../client';
import { useHarness } from '../support/harness';
import { addPlatform, callbackUrlOf, newPlatform, platformEnv } from '../support/platform';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

async function openAccount(gatewayUrl: string, appid: string): Promise<unknown> {
  const response = await request(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(OpenAccountDocument), variables: { appid } }) });
  return ((await response.body.json()) as { data?: { openAccount: unknown } }).data?.openAccount;
}

/**
 * The verify ticket and the refresh tokens are data: a restarted gateway must still have them.
 * After the restart WeChat pushes nothing and every token is expired, so the one call can only
 * succeed from the stored ticket (the simulator accepts only the latest pushed one) and the
 * stored refresh token.
 */
describe.each([
  ['embedded store (state file)', () => ({ STATE_FILE: join(mkdtempSync(join(tmpdir(), 'gw-restart-')), 'credentials.json') })],
  ['Redis store', () => ({ REDIS_URL: process.env['TEST_REDIS_URL']!, REDIS_KEY_PREFIX: `test:${randomUUID()}:` })],
] as const)('restart: a gateway restarted on the %s still has its verify ticket and refresh tokens', (_name, storeEnv) => {
  const harness = useHarness();
  let sim: Simulator;
  beforeEach(async () => {
    sim = await harness.simulator();
  });

  it('keeps a pushed ticket and an authorised appid', async () => {
    const platform = newPlatform();
    const env = { ...platformEnv(platform), ...storeEnv(), WECHAT_API_BASE: sim.url };
    const first = await harness.process({ env });
    addPlatform(sim, platform, callbackUrlOf(first.url));
    expect(await sim.pushes.pushTicket()).toMatchObject({ status: 200, text: 'success' });
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    expect(await first.stop()).toBe(0);

    const second = await harness.process({ env });
    sim.state.expireTokens();
    sim.counters.reset();
    expect(await openAccount(second.url, acmeCoffeeOA.appid)).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    expect(sim.counters.componentTokenFetches()).toBe(1); // from the stored ticket
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1); // from the stored refresh token
    expect(await second.stop()).toBe(0);
  });
});
