import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { HasOpenAccountWithAgeDocument, OpenAccountWithAgeDocument, UnbindOpenAccountDocument } from '../../client';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';

const REDIS_URL = process.env['TEST_REDIS_URL']!;
const BUILD = process.env['TEST_GATEWAY_BUILD']!;
const GET = '/cgi-bin/open/get';
const HAVE = '/cgi-bin/open/have';
const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

async function post(gatewayUrl: string, query: string, variables: object): Promise<Record<string, { __typename: string } & Record<string, unknown>>> {
  const response = await request(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.body.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown };
  if (body.data == null) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as never;
}

const readGet = (url: string, maxAge?: number) => post(url, print(OpenAccountWithAgeDocument), { appid: acmeCoffeeOA.appid, maxAge }).then((d) => d['openAccount']!);
const readHave = (url: string) => post(url, print(HasOpenAccountWithAgeDocument), { appid: acmeCoffeeOA.appid }).then((d) => d['hasOpenAccount']!);

/**
 * Three gateway processes on one Redis share the read cache: WeChat is asked once for all of
 * them, and a change through any one is seen by the next read through any other.
 */
describe('the read cache, three gateway processes sharing Redis', () => {
  let sim: Simulator;
  let gateways: GatewayProcess[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    const env = {
      WECHAT_API_BASE: sim.url,
      WECHAT_APPS: JSON.stringify(demoCredentials()),
      WECHAT_READ_CACHE_SECONDS: '300',
      REDIS_URL,
      REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
    };
    gateways = await Promise.all([0, 1, 2].map(() => spawnGateway(env, BUILD)));
  }, 60_000);

  afterAll(async () => {
    for (const g of gateways) g.child.kill('SIGTERM');
    await Promise.all(gateways.map((g) => g.exited));
    await sim.close();
  });

  it('300 concurrent reads of one appid spread across the three: one WeChat get, one answer', async () => {
    sim.counters.reset();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => readGet(gateways[i % 3]!.url)));
    expect(sim.counters.calls(GET)).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]).toMatchObject({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    // And have, cached apart: one WeChat have for another 300.
    const haves = await Promise.all(Array.from({ length: 300 }, (_, i) => readHave(gateways[i % 3]!.url)));
    expect(haves.every((r) => r['hasOpenAccount'] === true)).toBe(true);
    expect(sim.counters.calls(HAVE)).toBe(1);
  });

  it('an unbind through one replica: the next read through another asks WeChat again and shows the new state', async () => {
    await readGet(gateways[1]!.url);
    await readHave(gateways[2]!.url);
    sim.counters.reset();
    const unbound = await post(gateways[0]!.url, print(UnbindOpenAccountDocument), { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    expect(unbound['unbindOpenAccount']).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
    expect(await readGet(gateways[1]!.url)).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002 });
    expect(await readHave(gateways[2]!.url)).toMatchObject({ __typename: 'OpenAccountStatus', hasOpenAccount: false });
    expect(sim.counters.calls(GET)).toBe(1);
    expect(sim.counters.calls(HAVE)).toBe(1);
    // "Bound to none" is now what every replica serves, from the cache.
    const after = await Promise.all(Array.from({ length: 30 }, (_, i) => readGet(gateways[i % 3]!.url)));
    expect(after.every((r) => r.__typename === 'OpenAccountNotBoundError')).toBe(true);
    expect(sim.counters.calls(GET)).toBe(1);
  });

  it('maxAge: 0 through any replica asks WeChat now', async () => {
    sim.counters.reset();
    await readGet(gateways[2]!.url, 0);
    await readGet(gateways[0]!.url, 0);
    expect(sim.counters.calls(GET)).toBe(2);
  });
});
