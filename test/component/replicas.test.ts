import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { OpenAccountDocument } from '../../client';
import type { GatewayProcess } from '../support/gateway-process';
import { useHarness } from '../support/harness';
import { addPlatform, callbackUrlOf, leakedSecrets, newPlatform, platformEnv, runImport, secretsOf, type TestPlatform } from '../support/platform';

const REDIS_URL = process.env['TEST_REDIS_URL']!;
const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const QUERY = print(OpenAccountDocument);

/** One openAccount query over HTTP: the union member (or the GraphQL errors, as a type name). */
async function openAccount(gatewayUrl: string, appid: string): Promise<{ __typename: string; openAppid?: string; message?: string }> {
  const response = await request(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { appid } }) });
  const body = (await response.body.json()) as { data?: { openAccount: { __typename: string } }; errors?: unknown };
  return body.data?.openAccount ?? { __typename: `GraphQL errors: ${JSON.stringify(body.errors)}` };
}

/** `total` concurrent calls spread evenly over the gateways: how many got each union member. */
async function callsAcross(gateways: readonly GatewayProcess[], appid: string, total: number): Promise<Record<string, number>> {
  const results = await Promise.all(Array.from({ length: total }, (_, i) => openAccount(gateways[i % gateways.length]!.url, appid)));
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.openAppid === ACME_OPEN ? 'OpenAccount' : r.__typename] = (counts[r.openAppid === ACME_OPEN ? 'OpenAccount' : r.__typename] ?? 0) + 1;
  return counts;
}

describe('replicas: three gateway processes sharing Redis fetch each token once, whichever replica is asked', () => {
  const harness = useHarness('all');
  let sim: Simulator;
  let platform: TestPlatform;
  let env: Record<string, string>;
  let gateways: GatewayProcess[] = [];

  beforeAll(async () => {
    sim = await harness.simulator();
    platform = newPlatform();
    env = { ...platformEnv(platform), WECHAT_API_BASE: sim.url, REDIS_URL, REDIS_KEY_PREFIX: `test:${randomUUID()}:`, LOG_LEVEL: 'info' };
    gateways = await Promise.all([0, 1, 2].map(() => harness.process({ env })));
    // WeChat pushes to one URL (behind the load balancer: here, the first replica).
    addPlatform(sim, platform, callbackUrlOf(gateways[0]!.url));
    expect(await sim.pushes.startTicketPush({ callbackUrl: callbackUrlOf(gateways[0]!.url), componentAppid: platform.componentAppid, intervalMs: 10 * 60_000 })).toMatchObject({ status: 200, text: 'success' });
    // A refresh token the platform already held, imported into Redis: the authorizer is cold
    // (no component token and no authorizer token anywhere yet).
    const imported = runImport(['-'], env, JSON.stringify({ [acmeCoffeeOA.appid]: sim.state.components.grantAuthorization(acmeCoffeeOA.appid) }));
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
  }, 60_000);

  it('900 concurrent calls for a cold authorizer appid: exactly one component token fetch and one authorizer token fetch, all succeed', async () => {
    sim.counters.reset();
    expect(await callsAcross(gateways, acmeCoffeeOA.appid, 900)).toEqual({ OpenAccount: 900 });
    expect(sim.counters.componentTokenFetches()).toBe(1);
    expect(sim.counters.authorizerTokenFetches()).toBe(1);
    expect(sim.counters.calls('/cgi-bin/component/api_component_token')).toBe(1);
    expect(sim.counters.calls('/cgi-bin/component/api_authorizer_token')).toBe(1);
    expect(sim.counters.calls('/cgi-bin/open/get')).toBe(900);
  });

  it('WeChat expires every token: the next 900 calls refresh each exactly once, all succeed', async () => {
    sim.state.expireTokens();
    sim.counters.reset();
    expect(await callsAcross(gateways, acmeCoffeeOA.appid, 900)).toEqual({ OpenAccount: 900 });
    expect(sim.counters.componentTokenFetches()).toBe(1);
    expect(sim.counters.authorizerTokenFetches()).toBe(1);
    // Every call met the expired token and was retried once, not more (1,800 measured).
    expect(sim.counters.calls('/cgi-bin/open/get')).toBeLessThanOrEqual(1800);
  });

  it('an authorisation pushed to one replica serves the others: no authorizer token fetch at all', async () => {
    expect(await sim.pushes.authorize(acmeCoffeeMP.appid, { callbackUrl: callbackUrlOf(gateways[1]!.url) })).toEqual({ status: 200, text: 'success' });
    sim.counters.reset();
    expect(await callsAcross(gateways, acmeCoffeeMP.appid, 300)).toEqual({ OpenAccount: 300 });
    expect(sim.counters.authorizerTokenFetches()).toBe(0);
    expect(sim.counters.componentTokenFetches()).toBe(0);
  });

  it('no secret in any log line of the three processes', () => {
    const lines = gateways.flatMap((g) => g.lines);
    expect(lines.length).toBeGreaterThan(2_000);
    expect(leakedSecrets(lines, secretsOf(platform, sim))).toEqual([]);
  });
});

describe('replicas: a Redis that is down is answered, typed, without a single token fetch', () => {
  const harness = useHarness();

  it('every call gets CredentialStoreUnavailableError, WeChat sees no token fetch, and the log says why (once)', async () => {
    const sim = await harness.simulator();
    const platform = newPlatform();
    const gateway = await harness.gateway({ wechat: sim, env: { ...platformEnv(platform), REDIS_URL: 'redis://127.0.0.1:1', WECHAT_APPS: JSON.stringify({ [acmeCoffeeMP.appid]: acmeCoffeeMP.secret }) } });
    addPlatform(sim, platform, callbackUrlOf(gateway.url));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => openAccount(gateway.url, i % 2 === 0 ? acmeCoffeeOA.appid : acmeCoffeeMP.appid)));
    expect(results.every((r) => r.__typename === 'CredentialStoreUnavailableError')).toBe(true);
    expect(results[0]!.message).toContain('credential store (Redis) could not be reached');
    expect(sim.counters.tokenFetches()).toBe(0);
    expect(sim.counters.calls()).toBe(0);
    // A push cannot be stored either: 503, so WeChat pushes it again.
    expect((await sim.pushes.pushTicket()).status).toBe(503);
    const unavailable = gateway.logs.filter((line) => line.includes('credential store (Redis) is'));
    expect(unavailable.length).toBeGreaterThanOrEqual(1);
    expect(unavailable.length).toBeLessThanOrEqual(3);
  });
});
