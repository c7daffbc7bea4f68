import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import Redis from 'ioredis';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { UnbindOpenAccountDocument } from '../../client';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';

const REDIS_URL = process.env['TEST_REDIS_URL']!;
const BUILD = process.env['TEST_GATEWAY_BUILD']!;
const UNBIND = '/cgi-bin/open/unbind';
const GET = '/cgi-bin/open/get';
const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

interface Answer {
  readonly status: number;
  readonly replayed: boolean;
  readonly text: string;
  readonly typename: string | undefined;
  readonly code: unknown;
}

async function unbind(gatewayUrl: string, key: string, appid: string = acmeCoffeeOA.appid): Promise<Answer> {
  const response = await request(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ query: print(UnbindOpenAccountDocument), variables: { appid, openAppid: ACME_OPEN } }),
  });
  const text = await response.body.text();
  const body = JSON.parse(text) as { data?: { unbindOpenAccount: { __typename: string } }; errors?: Array<{ extensions?: { code?: unknown } }> };
  return { status: response.statusCode, replayed: response.headers['idempotent-replayed'] === 'true', text, typename: body.data?.unbindOpenAccount.__typename, code: body.errors?.[0]?.extensions?.code };
}

/**
 * Idempotency keys across three gateway processes on one Redis: the record is data in Redis, so
 * a repeat through any replica, or through a replica started after the first answered, is
 * answered from it.
 */
describe('Idempotency-Key, three gateway processes sharing Redis', () => {
  let sim: Simulator;
  let env: Record<string, string>;
  let gateways: GatewayProcess[] = [];
  const url = (i: number) => gateways[i % gateways.length]!.url;

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    env = { WECHAT_API_BASE: sim.url, WECHAT_APPS: JSON.stringify(demoCredentials()), REDIS_URL, REDIS_KEY_PREFIX: `test:${randomUUID()}:` };
    gateways = await Promise.all([0, 1, 2].map(() => spawnGateway(env, BUILD)));
  }, 60_000);

  afterAll(async () => {
    for (const g of gateways) g.child.kill('SIGTERM');
    await Promise.all(gateways.map((g) => g.exited));
    await sim.close();
  });

  beforeEach(() => {
    sim.state.accounts.bindDirect(acmeCoffeeOA.appid, ACME_OPEN);
    sim.faults.clear();
    sim.counters.reset();
  });

  it('the same key through two replicas: one WeChat unbind, identical answers', async () => {
    const first = await unbind(url(0), 'same-key');
    const repeat = await unbind(url(1), 'same-key');
    expect(first.typename).toBe('UnbindOpenAccountSuccess');
    expect(repeat.text).toBe(first.text);
    expect([first.replayed, repeat.replayed]).toEqual([false, true]);
    expect(sim.counters.calls(UNBIND)).toBe(1);
  });

  it('ten concurrent repeats across the replicas while the first runs: one WeChat unbind', async () => {
    sim.faults.inject({ path: UNBIND, kind: 'delay', ms: 500 });
    const first = unbind(url(0), 'concurrent-key');
    // The repeats arrive while the first is at WeChat.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const repeats = await Promise.all(Array.from({ length: 10 }, (_, i) => unbind(url(i), 'concurrent-key')));
    const all = [await first, ...repeats];
    expect(sim.counters.calls(UNBIND)).toBe(1);
    expect(new Set(all.map((a) => a.text)).size).toBe(1);
    expect(all[0]!.typename).toBe('UnbindOpenAccountSuccess');
    expect(repeats.every((a) => a.replayed)).toBe(true);
  });

  it('the key with other variables through another replica: 422 IDEMPOTENCY_KEY_MISMATCH and no WeChat call', async () => {
    await unbind(url(0), 'mismatch-key');
    sim.counters.reset();
    const other = await unbind(url(2), 'mismatch-key', acmeCoffeeMP.appid);
    expect(other.status).toBe(422);
    expect(other.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
    expect(sim.counters.calls()).toBe(0);
  });

  it('a restart between the first request and the repeat: still no second call', async () => {
    const first = await unbind(url(0), 'restart-key');
    const old = gateways.shift()!;
    old.child.kill('SIGTERM');
    expect(await old.exited).toBe(0);
    gateways.push(await spawnGateway(env, BUILD));
    const repeat = await unbind(gateways[2]!.url, 'restart-key');
    expect(repeat.replayed).toBe(true);
    expect(repeat.text).toBe(first.text);
    expect(sim.counters.calls(UNBIND)).toBe(1);
  }, 30_000);

  it('an unknown first outcome: a repeat through another replica settles it by a read', async () => {
    sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    sim.faults.inject({ path: GET, kind: 'http500', times: 4 });
    expect((await unbind(url(0), 'unknown-key')).typename).toBe('OutcomeUnknownError');
    sim.faults.clear();
    sim.counters.reset();
    const settled = await unbind(url(1), 'unknown-key');
    expect(settled.typename).toBe('UnbindOpenAccountSuccess');
    expect(JSON.parse(settled.text)).toMatchObject({ data: { unbindOpenAccount: { verifiedByRead: true } } });
    expect(sim.counters.calls(GET)).toBe(1);
    expect(sim.counters.calls(UNBIND)).toBe(0);
    expect((await unbind(url(2), 'unknown-key')).text).toBe(settled.text);
    expect(sim.counters.calls()).toBe(1);
  });

  it('no stored answer holds a secret or a token', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${env['REDIS_KEY_PREFIX']}idempotency:*`);
      expect(keys.length).toBeGreaterThanOrEqual(5);
      const values = (await redis.mget(...keys)).join('\n');
      expect(values).toContain('UnbindOpenAccountSuccess');
      for (const secret of Object.values(demoCredentials())) expect(values).not.toContain(secret);
      const tokens = (await redis.keys(`${env['REDIS_KEY_PREFIX']}token:*`)).length > 0 ? await redis.mget(...(await redis.keys(`${env['REDIS_KEY_PREFIX']}token:*`))) : [];
      for (const token of tokens) expect(values).not.toContain((JSON.parse(token!) as { value: string }).value);
      expect(tokens.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});

describe('Idempotency-Key when the replica running the first request dies', () => {
  it('a repeat is refused while the dead holder leases the key (409, nothing runs), then settles it by a read', async () => {
    const sim = await startSimulator({ seed: true });
    // A short operation deadline makes a short lease (deadline + 5 s).
    const env = { WECHAT_API_BASE: sim.url, WECHAT_APPS: JSON.stringify(demoCredentials()), REDIS_URL, REDIS_KEY_PREFIX: `test:${randomUUID()}:`, OPERATION_TIMEOUT_MS: '1000' };
    const [doomed, survivor] = await Promise.all([spawnGateway(env, BUILD), spawnGateway(env, BUILD)]);
    try {
      sim.faults.inject({ path: UNBIND, kind: 'hang' });
      const lost = unbind(doomed!.url, 'crash-key').catch(() => undefined);
      for (let i = 0; i < 200 && sim.counters.calls(UNBIND) === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sim.counters.calls(UNBIND)).toBe(1);
      doomed!.child.kill('SIGKILL');
      await doomed!.exited;
      await lost;

      const refused = await unbind(survivor!.url, 'crash-key');
      expect(refused.status).toBe(409);
      expect(refused.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect(sim.counters.calls(UNBIND)).toBe(1);

      let settled = refused;
      for (let attempt = 0; attempt < 40 && settled.status === 409; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        settled = await unbind(survivor!.url, 'crash-key');
      }
      // The hung unbind was never applied: the read says so, and it is sent once more.
      expect(settled.typename).toBe('UnbindOpenAccountSuccess');
      expect(sim.counters.calls(UNBIND)).toBe(2);
      expect(sim.counters.applied(UNBIND)).toBe(1);
      expect((await unbind(survivor!.url, 'crash-key')).replayed).toBe(true);
    } finally {
      survivor!.child.kill('SIGTERM');
      await survivor!.exited;
      await sim.close();
    }
  }, 30_000);
});
