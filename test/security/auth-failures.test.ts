import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { apiKeyEntry } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';

const KEY = 'wxgw_auth-failures-test-key-0123456789abcdefghij';
const READ = JSON.stringify({ query: 'query($a: String!) { openAccount(appid: $a) { __typename } }', variables: { a: DEMO_ACCOUNTS.acmeCoffeeOA.appid } });

/**
 * Issue 13: 1,500 bad API keys in 0.6 s were each answered 401 and each logged, without the
 * client's address. Failures are now limited per address (429 + Retry-After), and a valid key
 * from that address is still served.
 */
describe('Security: failed authentications are limited per client address', () => {
  let simulator: Simulator;
  let gateway: TestGateway;

  const start = (env: Record<string, string>) => {
    const keys = join(mkdtempSync(join(tmpdir(), 'gateway-auth-failures-')), 'keys.json');
    writeFileSync(keys, JSON.stringify([apiKeyEntry('svc', KEY, '*', ['openaccount:read'])]));
    return startTestGateway({ simulator, env: { WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_API_KEYS_FILE: keys, RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5', ...env } });
  };
  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
    gateway = await start({ TRUSTED_PROXY_COUNT: '1' });
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });

  const send = (target: TestGateway, key: string, forwardedFor: string) =>
    target.send({ body: READ, headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-forwarded-for': forwardedFor } });

  it('past the limit a bad key gets 429 with Retry-After; a valid key from the same address is still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await send(gateway, `wxgw_guess-${i}`, '203.0.113.9')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await send(gateway, 'wxgw_guess-again', '203.0.113.9');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.text).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'auth-failures' });
    expect((await send(gateway, KEY, '203.0.113.9')).status).toBe(200);
    // Another address has its own count.
    expect((await send(gateway, 'wxgw_guess', '198.51.100.4')).status).toBe(401);
  });

  it("each failure's log line carries the client address (from the trusted proxy's entry only)", async () => {
    await send(gateway, 'wxgw_unknown', '10.9.8.7, 192.0.2.77');
    const line = gateway.logs.map((l) => JSON.parse(l) as { msg: string; address?: string }).filter((l) => l.msg === 'authentication failed').at(-1);
    expect(line?.address).toBe('192.0.2.77');
    expect(gateway.logs.join('\n')).not.toContain('wxgw_unknown');
  });

  it('without a trusted proxy, X-Forwarded-For does not give an attacker a fresh count per request', async () => {
    const untrusted = await start({});
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await send(untrusted, `wxgw_guess-${i}`, `192.0.2.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await untrusted.stop();
    }
  });
});
