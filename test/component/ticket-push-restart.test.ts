/**
 * Third-party platform mode against what WeChat really does: a platform that starts with no
 * verify ticket asks WeChat to restart the push (api_start_push_ticket) and gets one without
 * anyone pushing it; a revoked authorizer answers 61003; a repeated authorisation event whose
 * code is used (61010) is answered success, since no re-push can help.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { authorizedXml, deliver, DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, signedPush, type Simulator } from '../../src/simulator';
import { OpenAccountDocument } from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';
import { addPlatform, newPlatform, platformEnv, runImport, type TestPlatform } from '../support/platform';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const START_PUSH = '/cgi-bin/component/api_start_push_ticket';

/** A free loopback port, so WeChat (the simulator) knows the callback URL before the gateway starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('platform mode: the gateway restarts its own ticket push and reads 61003 and 61010 as WeChat means them', () => {
  const harness = useHarness();
  let sim: Simulator;
  let gateway: TestGateway | undefined;
  let platform: TestPlatform;
  let stateFile: string;
  let port: number;

  beforeEach(async () => {
    sim = await harness.simulator();
    platform = newPlatform();
    stateFile = join(mkdtempSync(join(tmpdir(), 'gw-ticket-')), 'credentials.json');
    port = await freePort();
    addPlatform(sim, platform, `http://127.0.0.1:${port}/wechat/component/callback`);
  });
  const start = (env: Record<string, string> = {}) =>
    harness.gateway({ wechat: sim, env: { ...platformEnv(platform), STATE_FILE: stateFile, PORT: String(port), ...env } });
  const openAccount = async (appid: string) => (await gateway!.executeOk(OpenAccountDocument, { appid })).openAccount;
  const logged = (msg: string) => gateway!.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l['msg']).startsWith(msg));

  it('started with an empty store, the platform asks WeChat for a ticket push once and can then call WeChat; nobody else pushed', async () => {
    // The merchant's authorisation is imported (no push); there is no ticket.
    const imported = runImport(['-'], { ...platformEnv(platform), STATE_FILE: stateFile }, JSON.stringify({ [acmeCoffeeOA.appid]: sim.state.components.grantAuthorization(acmeCoffeeOA.appid) }));
    expect(imported.status).toBe(0);
    gateway = await start({ WECHAT_TICKET_MAX_AGE_SECONDS: '3600' });
    const asked = await eventually(() => logged('asked WeChat to restart the verify ticket push'), 'the ask');
    expect(asked).toMatchObject({ component: platform.componentAppid, reason: 'no verify ticket stored' });
    await eventually(() => logged('component verify ticket stored'), 'the pushed ticket');
    expect(await openAccount(acmeCoffeeOA.appid)).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    expect(sim.counters.calls(START_PUSH)).toBe(1);
    expect(sim.counters.componentTokenFetches(platform.componentAppid)).toBe(1);
    // The ticket's age is a metric.
    const metrics = await (await request(new URL('/metrics', gateway.url))).body.text();
    const age = Number(/^wechat_component_ticket_age_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(gateway.logs.join('\n')).not.toContain(platform.secret);
  });

  it('with WECHAT_TICKET_MAX_AGE_SECONDS=0 it never asks, and the metric says no ticket (NaN)', async () => {
    gateway = await start({ WECHAT_TICKET_MAX_AGE_SECONDS: '0' });
    expect((await openAccount(acmeCoffeeOA.appid)).__typename).toBe('NoCredentialsError');
    const metrics = await (await request(new URL('/metrics', gateway.url))).body.text();
    // prom-client writes NaN as "Nan", which Prometheus parses as NaN.
    expect(metrics).toMatch(/^wechat_component_ticket_age_seconds nan$/im);
    expect(sim.counters.calls(START_PUSH)).toBe(0);
  });

  it('an authorizer that revoked the platform without the event reaching it: 61003, saying to ask the merchant', async () => {
    gateway = await start();
    await sim.pushes.pushTicket();
    await sim.pushes.authorize(acmeCoffeeOA.appid);
    expect((await openAccount(acmeCoffeeOA.appid)).__typename).toBe('OpenAccount');
    sim.state.components.revokeAuthorization(platform.componentAppid, acmeCoffeeOA.appid);
    const answer = await openAccount(acmeCoffeeOA.appid);
    expect(answer).toMatchObject({ __typename: 'OtherWeChatError', errcode: 61003, retryable: false });
    if (answer.__typename !== 'OtherWeChatError') throw new Error('unreachable');
    expect(answer.errmsg).toMatch(/^component is not authorized by this account rid: /);
    expect(answer.message).toContain('Ask the merchant to authorise the platform again');
  });

  it('a later authorisation event with a code already exchanged: 61010, answered success (not 503: a re-push cannot help)', async () => {
    gateway = await start();
    await sim.pushes.pushTicket();
    const { code, expiresAt } = sim.state.components.issueAuthCode(platform.componentAppid, acmeCoffeeOA.appid);
    const now = Math.floor(Date.now() / 1000);
    // The same code again in a later event (an updateauthorized that repeats it): WeChat answers 61010.
    const push = (createTime: number, infoType?: 'updateauthorized') => signedPush(platform, authorizedXml(platform.componentAppid, acmeCoffeeOA.appid, code, expiresAt, createTime, infoType), String(createTime));
    const callback = `http://127.0.0.1:${port}/wechat/component/callback`;
    expect(await deliver(callback, push(now - 1))).toEqual({ status: 200, text: 'success' });
    expect(await deliver(callback, push(now, 'updateauthorized'))).toEqual({ status: 200, text: 'success' });
    expect(sim.counters.calls('/cgi-bin/component/api_query_auth')).toBe(2);
    expect(logged('authorisation code used or expired (61010)')).toMatchObject({ errcode: 61010 });
    expect((await openAccount(acmeCoffeeOA.appid)).__typename).toBe('OpenAccount');
  });
});
