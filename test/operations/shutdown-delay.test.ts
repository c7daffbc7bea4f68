import { request } from 'undici';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';

const GET = '/cgi-bin/open/get';
const QUERY = JSON.stringify({ query: `{ openAccount(appid: "${DEMO_ACCOUNTS.acmeCoffeeOA.appid}") { __typename } }` });
/** Long enough for the checks made inside it (a few requests on loopback), short for a test. */
const DELAY_MS = 3_000;

/** A GraphQL call on a new connection: its status and union member, or 'refused'. */
async function call(url: string): Promise<{ status: number; typename?: string } | 'refused'> {
  try {
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: QUERY, reset: true });
    const body = (await response.body.json()) as { data?: { openAccount?: { __typename: string } } };
    return { status: response.statusCode, typename: body.data?.openAccount?.__typename };
  } catch {
    return 'refused';
  }
}

async function get(url: string): Promise<number | 'refused'> {
  try {
    const response = await request(url, { headers: { connection: 'close' }, reset: true });
    await response.body.dump();
    return response.statusCode;
  } catch {
    return 'refused';
  }
}

/** Polls until `lines` has one matching `msg` (bounded: the process must get there). */
async function logged(gateway: GatewayProcess, msg: string): Promise<number> {
  for (let i = 0; i < 1_000; i++) {
    const index = gateway.lines.findIndex((line) => line.includes(`"msg":"${msg}`));
    if (index >= 0) return index;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no "${msg}" log line:\n${gateway.lines.join('\n')}`);
}

describe('SHUTDOWN_DELAY_MS: a stop that a load balancer can follow', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
  });
  afterAll(() => simulator.close());

  it('at SIGTERM /readyz answers 503 at once, new connections are still served for the delay, then the drain finishes what is in flight and it exits 0', async () => {
    const gateway = await spawnGateway(
      { WECHAT_API_BASE: simulator.url, WECHAT_APPS: JSON.stringify(demoCredentials()), SHUTDOWN_DELAY_MS: String(DELAY_MS) },
      process.env['TEST_GATEWAY_BUILD']!,
    );
    const origin = new URL(gateway.url).origin;
    expect(await get(`${origin}/readyz`)).toBe(200);

    gateway.child.kill('SIGTERM');
    await logged(gateway, 'not ready');
    // Not ready, on a new connection, at once; and still alive and serving.
    expect(await get(`${origin}/readyz`)).toBe(503);
    expect(await get(`${origin}/healthz`)).toBe(200);
    expect(await call(gateway.url)).toEqual({ status: 200, typename: 'OpenAccount' });

    // A call accepted during the delay that is still at WeChat when the drain begins.
    simulator.faults.inject({ path: GET, kind: 'delay', ms: 2 * DELAY_MS });
    const calls = simulator.counters.calls(GET);
    const slow = call(gateway.url);
    while (simulator.counters.calls(GET) === calls) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gateway.lines.some((line) => line.includes('"msg":"draining'))).toBe(false);

    // After the delay the listener closes: new connections are refused...
    const draining = await logged(gateway, 'draining');
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      refused = (await get(`${origin}/healthz`)) === 'refused';
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(refused).toBe(true);
    // ...while the call in flight is answered, and only then does the process exit.
    expect(await slow).toEqual({ status: 200, typename: 'OpenAccount' });
    expect(await gateway.exited).toBe(0);
    expect(draining).toBeGreaterThan(gateway.lines.findIndex((line) => line.includes('"msg":"not ready')));
  });

  it('without it (the default, 0) the listener closes at SIGTERM', async () => {
    const gateway = await spawnGateway({ WECHAT_API_BASE: simulator.url, WECHAT_APPS: JSON.stringify(demoCredentials()) }, process.env['TEST_GATEWAY_BUILD']!);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.lines.some((line) => line.includes('"msg":"not ready'))).toBe(false);
    expect(await get(`${new URL(gateway.url).origin}/healthz`)).toBe('refused');
  });
});
