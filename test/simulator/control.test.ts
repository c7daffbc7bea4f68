/**
 * The simulator's development control surface: every scenario on the page produces the union
 * member it names from a real gateway's unbindOpenAccount, and leaves no fault pending.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { UnbindOpenAccountDocument } from '../../client';
import { SCENARIOS } from '../../src/simulator/scenarios';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { launchBrowser } from '../support/browser';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const UNBIND = '/cgi-bin/open/unbind';
const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const APPS = JSON.stringify(demoCredentials());

async function control(base: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await request(`${base}${route}`, { method, headers: method === 'GET' ? {} : headers, body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

describe('the simulator control surface: scenarios on demand', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let base: string;

  const harness = useHarness('all');
  beforeAll(async () => {
    simulator = await harness.simulator({ control: true });
    base = simulator.controlUrl!;
    gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: APPS, OPERATION_TIMEOUT_MS: '4000' } });
  });
  beforeEach(async () => expect((await control(base, 'POST', 'reset')).status).toBe(200));

  const unbind = async () => (await gateway.executeOk(UnbindOpenAccountDocument, { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN })).unbindOpenAccount;

  it.each(SCENARIOS.map((s) => [s.name, s.produces] as const))('%s → %s, nothing left pending', async (name, produces) => {
    const applied = await control(base, 'POST', `scenarios/${name}`);
    expect(applied.status).toBe(200);
    const result = await unbind();
    const [typename] = produces.split(/[ ,]/);
    expect(result.__typename).toBe(typename);
    if (produces.includes('errcode')) expect(result).toMatchObject({ errcode: Number(/errcode (-?\d+)/.exec(produces)![1]) });
    if (produces.includes('verifiedByRead: true')) expect(result).toMatchObject({ verifiedByRead: true });
    expect((await control(base, 'GET', 'counters')).json()['pendingFaults']).toBe(0);
  });

  it('expire-tokens: the next call fetches one new token', async () => {
    await unbind(); // a token is held
    await control(base, 'POST', 'reset');
    await control(base, 'POST', 'scenarios/expire-tokens');
    expect((await unbind()).__typename).toBe('UnbindOpenAccountSuccess');
    expect(simulator.counters.tokenFetches()).toBe(1);
  });

  it('reset brings the demo data back and zeroes the counters', async () => {
    expect((await unbind()).__typename).toBe('UnbindOpenAccountSuccess');
    expect((await control(base, 'GET', 'counters')).json()).toMatchObject({ calls: { [UNBIND]: 1 }, applied: { [UNBIND]: 1 } });
    await control(base, 'POST', 'reset');
    expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(ACME_OPEN);
    expect((await control(base, 'GET', 'counters')).json()).toEqual({ calls: {}, applied: {}, tokenFetches: 0, pendingFaults: 0 });
  });

  it('POST faults queues any fault; DELETE faults clears them', async () => {
    expect((await control(base, 'POST', 'faults', { path: UNBIND, kind: 'errcode', errcode: 89501, times: 2 })).json()).toMatchObject({ pendingFaults: 1 });
    expect(await unbind()).toMatchObject({ __typename: 'OtherWeChatError', errcode: 89501 });
    await control(base, 'POST', 'faults', { path: '*', kind: 'http500', times: 5 });
    await control(base, 'DELETE', 'faults');
    expect((await unbind()).__typename).toBe('UnbindOpenAccountSuccess');
  });

  it.each([
    ['an unknown path', { path: '/cgi-bin/nope', kind: 'http500' }, /path must be/],
    ['an unknown kind', { path: UNBIND, kind: 'explode' }, /kind/],
    ['times below 1', { path: UNBIND, kind: 'http500', times: 0 }, /times/],
    ['a delay without ms', { path: UNBIND, kind: 'delay' }, /ms/],
    ['an unknown field', { path: UNBIND, kind: 'hang', forever: true }, /forever/],
  ])('refuses %s with 400 and says why, queuing nothing', async (_, fault, why) => {
    const response = await control(base, 'POST', 'faults', fault);
    expect(response.status).toBe(400);
    expect(String(response.json()['error'])).toMatch(why);
    expect(simulator.faults.pending).toBe(0);
  });

  it('refuses a change without a JSON content type (so another site cannot drive it) and unknown controls', async () => {
    expect((await control(base, 'POST', 'scenarios/busy', undefined, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(simulator.faults.pending).toBe(0);
    expect((await control(base, 'POST', 'scenarios/nope')).status).toBe(404);
    expect((await control(base, 'GET', 'nope')).status).toBe(404);
    expect((await control(base, 'POST', 'faults', 'not json{')).status).toBe(400);
  });

  it('serves the page with one button per scenario; its requests are not counted', async () => {
    const page = await control(base, 'GET', '');
    expect(page.status).toBe(200);
    for (const { name } of SCENARIOS) expect(page.text).toContain(`data-post="scenarios/${name}"`);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('the page in a browser: a button applies its scenario and shows what it did', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(base);
      await page.locator('button[data-post="scenarios/daily-quota"]').click();
      await page.getByRole('status').filter({ hasText: 'pendingFaults' }).waitFor({ timeout: 10_000 });
      expect(JSON.parse((await page.getByRole('status').textContent()) ?? '')).toMatchObject({ pendingFaults: 1 });
      expect(await unbind()).toMatchObject({ __typename: 'OtherWeChatError', errcode: 45009 });
      await page.locator('#counters').click();
      await page.getByRole('status').filter({ hasText: 'applied' }).waitFor({ timeout: 10_000 });
      expect(JSON.parse((await page.getByRole('status').textContent()) ?? '')).toMatchObject({ calls: { [UNBIND]: 1 }, pendingFaults: 0 });
    } finally {
      await browser.close();
    }
  });

  it('OverloadedError by hand: one upstream slot, held by a hanging read, and a second read in the same operation', async () => {
    const tight = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: APPS, OPERATION_TIMEOUT_MS: '3000', WECHAT_MAX_IN_FLIGHT: '1', WECHAT_MAX_QUEUE: '0' } });
    await control(base, 'POST', 'faults', { path: '/cgi-bin/open/get', kind: 'hang', times: 1 });
    const query = `{ a: openAccount(appid: "${acmeCoffeeOA.appid}") { __typename } b: openAccount(appid: "${DEMO_ACCOUNTS.acmeTeaOA.appid}") { __typename } }`;
    const response = await tight.send({ body: JSON.stringify({ query }), headers: { 'content-type': 'application/json' } });
    const { data } = JSON.parse(response.text) as { data: Record<string, { __typename: string }> };
    expect(Object.values(data).map((r) => r.__typename).sort()).toEqual(['OverloadedError', 'WeChatUnavailableError']);
    await tight.stop();
  });
});

describe('the control surface is off unless asked for', () => {
  const harness = useHarness();
  it('a simulator started without control answers /_control/ as WeChat answers any unknown path', async () => {
    const simulator = await harness.simulator();
    try {
      expect(simulator.controlUrl).toBeUndefined();
      const response = await request(`${simulator.url}/_control/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.statusCode).toBe(404);
      await response.body.text();
    } finally {
      await simulator.close();
    }
  });

  it('the embedded simulator of a development gateway has it, and the gateway logs its URL', async () => {
    const gateway = await harness.gateway({ env: { NODE_ENV: 'development' } });
    try {
      const line = gateway.logs.find((l) => l.includes('WeChat scenarios on demand'));
      expect(line).toBeDefined();
      const url = JSON.parse(line!)['scenarios'] as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_control\/$/);
      expect((await request(url)).statusCode).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

/** `npm run simulator`'s process (the run-wide build), until it prints its demo accounts. */
async function runSimulatorMain(nodeEnv: string): Promise<{ url: string; lines: string[]; stop(): void }> {
  const child = spawn(process.execPath, [join(process.env['TEST_GATEWAY_BUILD']!, 'src', 'simulator', 'main.js')], {
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: nodeEnv, SIMULATOR_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}: ${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Demo accounts')) resolve();
    });
  });
  const url = /listening on (\S+)/.exec(lines.join('\n'))![1]!;
  return { url, lines, stop: () => void child.kill('SIGTERM') };
}

describe('npm run simulator: the control surface outside production only', () => {
  it.each([
    ['development', true],
    ['production', false],
  ])('NODE_ENV=%s: control surface %p', async (nodeEnv, on) => {
    const sim = await runSimulatorMain(nodeEnv);
    try {
      expect(sim.lines.some((line) => line.startsWith(`WeChat scenarios on demand: ${sim.url}/_control/`))).toBe(on);
      const response = await request(`${sim.url}/_control/counters`);
      await response.body.text();
      expect(response.statusCode).toBe(on ? 200 : 404);
    } finally {
      sim.stop();
    }
  });
});
