import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { DEMO_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { apiKeyEntry } from '../support/auth';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const API_KEY = 'shutdown-test-key-0123456789abcdef';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
const QUERY = JSON.stringify({ query: `{ openAccount(appid: "${DEMO_ACCOUNTS.acmeCoffeeOA.appid}") { __typename } }` });

describe('graceful shutdown: on SIGTERM the calls in flight finish, then the process exits 0', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await harness.simulator();
  });

  it('SIGTERM with 50 slow calls in flight: it stops accepting, all 50 complete, then it exits 0', async () => {
    // As production runs it (NODE_ENV=production, where Apollo would handle signals itself if let).
    const keys = join(mkdtempSync(join(tmpdir(), 'gateway-shutdown-')), 'api-keys.json');
    writeFileSync(keys, JSON.stringify([apiKeyEntry('shutdown', API_KEY, '*', ['openaccount:read'])]));
    const gateway = await harness.process({
      wechat: simulator,
      env: { NODE_ENV: 'production', METRICS_PORT: '0', AUTH_API_KEYS_FILE: keys, WECHAT_APPS: JSON.stringify(demoCredentials()) },
    });
    simulator.faults.inject({ path: GET, kind: 'delay', ms: 1_500, times: Infinity });
    const calls = Array.from({ length: 50 }, () =>
      request(gateway.url, { method: 'POST', headers: HEADERS, body: QUERY }).then(async (r) => ({ status: r.statusCode, body: (await r.body.json()) as any })),
    );
    // All 50 are at WeChat (the simulator has them) before the signal.
    while (simulator.counters.calls(GET) < 50) await new Promise((resolve) => setTimeout(resolve, 10));
    gateway.child.kill('SIGTERM');

    // New connections are refused while the 50 are still being answered.
    const origin = new URL(gateway.url).origin;
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      refused = await request(`${origin}/healthz`).then((r) => r.body.dump().then(() => false), () => true);
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(refused).toBe(true);

    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.every((a) => a.body.data.openAccount.__typename === 'OpenAccount')).toBe(true);
    expect(await gateway.exited).toBe(0);
    expect(gateway.lines.some((line) => line.includes('"signal":"SIGTERM"'))).toBe(true);
  });
});
