import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { CreateOpenAccountDocument, OpenAccountDocument, UnbindOpenAccountDocument } from '../../client';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';

const UNBIND = '/cgi-bin/open/unbind';
const GET = '/cgi-bin/open/get';
const APPS = JSON.stringify(demoCredentials());
const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const UNBIND_QUERY = print(UnbindOpenAccountDocument);

interface Answer {
  status: number;
  replayed: boolean;
  body: { data?: { unbindOpenAccount?: { __typename: string } & Record<string, unknown> } | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  text: string;
}

/** An unbind over HTTP, with an Idempotency-Key when `key` is given. */
async function unbind(gateway: TestGateway, key: string | undefined, appid: string = acmeCoffeeOA.appid, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await gateway.send({
    body: JSON.stringify({ query: UNBIND_QUERY, variables: { appid, openAppid: ACME_OPEN } }),
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
  });
  return { status: response.status, replayed: response.headers['idempotent-replayed'] === 'true', body: JSON.parse(response.text) as Answer['body'], text: response.text };
}

describe('Idempotency-Key on mutations, embedded store', () => {
  let sim: Simulator;
  let gateway: TestGateway;
  let stateDir: string;

  const start = (env: Record<string, string> = {}) =>
    startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS, STATE_FILE: join(stateDir, 'credentials.json'), ...env } });

  beforeEach(async () => {
    sim = await startSimulator({ seed: true });
    stateDir = mkdtempSync(join(tmpdir(), 'gw-idem-'));
    gateway = await start();
  });
  afterEach(async () => {
    await gateway.stop();
    await sim.close();
  });

  it('the same key twice: one WeChat unbind, the same answer, the repeat marked Idempotent-Replayed', async () => {
    const first = await unbind(gateway, 'key-1');
    const repeat = await unbind(gateway, 'key-1');
    expect(first.body.data?.unbindOpenAccount).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
    expect(repeat.text).toBe(first.text);
    expect([first.replayed, repeat.replayed]).toEqual([false, true]);
    expect(repeat.status).toBe(200);
    expect(sim.counters.calls(UNBIND)).toBe(1);
    const metrics = (await gateway.send({ method: 'GET', path: '/metrics' })).text;
    expect(metrics).toContain('gateway_idempotency_requests_total{outcome="stored"} 1');
    expect(metrics).toContain('gateway_idempotency_requests_total{outcome="replayed"} 1');
    expect(gateway.logs.filter((line) => line.includes('"event":"idempotent-replay"'))).toHaveLength(1);
  });

  it('a browser may send the key and read Idempotent-Replayed (CORS)', async () => {
    const preflight = await gateway.send({
      method: 'OPTIONS',
      headers: { origin: 'https://console.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('idempotency-key');
    const answer = await gateway.send({
      body: JSON.stringify({ query: UNBIND_QUERY, variables: { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN } }),
      headers: { 'content-type': 'application/json', origin: 'https://console.example', 'idempotency-key': 'key-cors' },
    });
    expect(String(answer.headers['access-control-expose-headers'])).toContain('Idempotent-Replayed');
  });

  it('a create retried with its key makes one open account, not two', async () => {
    const create = () =>
      gateway.send({
        body: JSON.stringify({ query: print(CreateOpenAccountDocument), variables: { appid: acmeBakeryMP.appid } }),
        headers: { 'content-type': 'application/json', 'idempotency-key': 'create-1' },
      });
    const first = await create();
    const retry = await create();
    expect(JSON.parse(first.text)).toMatchObject({ data: { createOpenAccount: { __typename: 'CreateOpenAccountSuccess' } } });
    expect(retry.text).toBe(first.text);
    expect(sim.counters.calls('/cgi-bin/open/create')).toBe(1);
  });

  it('the draft\'s quoted form names the same key as the bare one', async () => {
    await unbind(gateway, '"key-q"');
    expect((await unbind(gateway, 'key-q')).replayed).toBe(true);
    expect(sim.counters.calls(UNBIND)).toBe(1);
  });

  it('ten concurrent repeats while the first runs: one WeChat unbind, eleven identical answers', async () => {
    sim.faults.inject({ path: UNBIND, kind: 'delay', ms: 400 });
    const answers = await Promise.all(Array.from({ length: 11 }, () => unbind(gateway, 'key-concurrent')));
    expect(sim.counters.calls(UNBIND)).toBe(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.replayed)).toHaveLength(10);
    expect(answers[0]!.body.data?.unbindOpenAccount?.__typename).toBe('UnbindOpenAccountSuccess');
  });

  it('the key with another operation or other variables: 422 IDEMPOTENCY_KEY_MISMATCH, nothing runs', async () => {
    await unbind(gateway, 'key-m');
    sim.counters.reset();
    const other = await unbind(gateway, 'key-m', acmeCoffeeMP.appid);
    expect(other.status).toBe(422);
    expect(other.body.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_MISMATCH');
    expect(other.body.errors?.[0]?.message).toContain('Nothing was run');
    expect(sim.counters.calls()).toBe(0);
  });

  it('an unknown first outcome: the repeat settles it by a read, stores the settled answer, and never sends again', async () => {
    sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    sim.faults.inject({ path: GET, kind: 'http500', times: 4 });
    const first = await unbind(gateway, 'key-u');
    expect(first.body.data?.unbindOpenAccount?.__typename).toBe('OutcomeUnknownError');
    sim.faults.clear();
    sim.counters.reset();
    const settled = await unbind(gateway, 'key-u');
    expect(settled.body.data?.unbindOpenAccount).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: true });
    expect(settled.replayed).toBe(false);
    expect(sim.counters.calls(GET)).toBe(1);
    expect(sim.counters.calls(UNBIND)).toBe(0);
    const again = await unbind(gateway, 'key-u');
    expect(again.replayed).toBe(true);
    expect(again.text).toBe(settled.text);
    expect(sim.counters.calls()).toBe(1);
  });

  it('an unknown first outcome that had not applied: the repeat reads, then sends once', async () => {
    sim.faults.inject({ path: UNBIND, kind: 'drop' });
    sim.faults.inject({ path: GET, kind: 'http500', times: 4 });
    expect((await unbind(gateway, 'key-n')).body.data?.unbindOpenAccount?.__typename).toBe('OutcomeUnknownError');
    sim.faults.clear();
    sim.counters.reset();
    expect((await unbind(gateway, 'key-n')).body.data?.unbindOpenAccount).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: false });
    expect(sim.counters.calls(GET)).toBe(1);
    expect(sim.counters.calls(UNBIND)).toBe(1);
    expect(sim.counters.applied(UNBIND)).toBe(1);
  });

  it('an answer where nothing reached WeChat is not kept: a retry with the key runs again', async () => {
    const first = await unbind(gateway, 'key-none', 'wx0000000000000042');
    expect(first.body.data?.unbindOpenAccount?.__typename).toBe('NoCredentialsError');
    const retry = await unbind(gateway, 'key-none', 'wx0000000000000042');
    expect(retry.replayed).toBe(false);
  });

  it('a gateway restart between the first request and the repeat: still one WeChat unbind', async () => {
    const first = await unbind(gateway, 'key-r');
    await gateway.stop();
    gateway = await start();
    const repeat = await unbind(gateway, 'key-r');
    expect(repeat.replayed).toBe(true);
    expect(repeat.text).toBe(first.text);
    expect(sim.counters.calls(UNBIND)).toBe(1);
    // The records file holds answers, never a secret or a token.
    const file = readFileSync(join(stateDir, 'idempotency.json'), 'utf8');
    expect(file).toContain('UnbindOpenAccountSuccess');
    for (const secret of Object.values(demoCredentials())) expect(file).not.toContain(secret);
    expect(file).not.toMatch(/access_token|accessToken/);
  });

  it('without a key, as before: a second unbind is sent and answered OpenAccountNotBoundError', async () => {
    await unbind(gateway, undefined);
    expect((await unbind(gateway, undefined)).body.data?.unbindOpenAccount?.__typename).toBe('OpenAccountNotBoundError');
    expect(sim.counters.calls(UNBIND)).toBe(2);
  });

  it.each([
    ['empty', '""'],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'key\twith-tab'],
    ['an unterminated quoted string', '"key'],
  ])('a key that is %s: 400 saying what is wrong, nothing runs', async (_name, key) => {
    const answer = await unbind(gateway, key);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/^Invalid Idempotency-Key header: .*Nothing was run\.$/);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(sim.counters.calls()).toBe(0);
  });

  it('a key on a query is accepted and ignored: each query runs', async () => {
    const query = (appid: string) =>
      gateway.send({ body: JSON.stringify({ query: print(OpenAccountDocument), variables: { appid } }), headers: { 'content-type': 'application/json', 'idempotency-key': 'key-query' } });
    const [a, b] = [await query(acmeCoffeeOA.appid), await query(acmeCoffeeMP.appid)];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(sim.counters.calls(GET)).toBe(2);
  });
});

describe('IDEMPOTENCY_REQUIRED=true', () => {
  it('a mutation without a key is refused with 400 and nothing runs; queries need none', async () => {
    const sim = await startSimulator({ seed: true });
    const gateway = await startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS, IDEMPOTENCY_REQUIRED: 'true', STATE_FILE: join(mkdtempSync(join(tmpdir(), 'gw-idem-')), 'c.json') } });
    try {
      const refused = await unbind(gateway, undefined);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.message).toContain('requires an Idempotency-Key header on every mutation');
      expect(sim.counters.calls()).toBe(0);
      expect((await unbind(gateway, 'key-1')).body.data?.unbindOpenAccount?.__typename).toBe('UnbindOpenAccountSuccess');
      expect(await gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeMP.appid })).toMatchObject({ openAccount: { __typename: 'OpenAccount' } });
    } finally {
      await gateway.stop();
      await sim.close();
    }
  });
});

describe('keys are per caller', () => {
  it("another caller's key is never visible: the same key from two callers is two requests", async () => {
    const sim = await startSimulator({ seed: true });
    const gateway = await startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS, AUTH_JWT_SECRET: TEST_JWT_SECRET, STATE_FILE: join(mkdtempSync(join(tmpdir(), 'gw-idem-')), 'c.json') } });
    try {
      const as = async (sub: string) => ({ authorization: `Bearer ${await signToken({ sub, appids: '*', scope: 'openaccount:read openaccount:write' })}` });
      const alice = await unbind(gateway, 'shared-key', acmeCoffeeOA.appid, await as('alice'));
      const bob = await unbind(gateway, 'shared-key', acmeCoffeeMP.appid, await as('bob'));
      expect(alice.body.data?.unbindOpenAccount?.__typename).toBe('UnbindOpenAccountSuccess');
      expect(bob.body.data?.unbindOpenAccount?.__typename).toBe('UnbindOpenAccountSuccess');
      expect([alice.replayed, bob.replayed]).toEqual([false, false]);
      expect(sim.counters.calls(UNBIND)).toBe(2);
    } finally {
      await gateway.stop();
      await sim.close();
    }
  });
});

describe('a store that is down', () => {
  it('the key cannot be recorded: 503, and nothing is sent to WeChat', async () => {
    const sim = await startSimulator({ seed: true });
    const gateway = await startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const answer = await unbind(gateway, 'key-down');
      expect(answer.status).toBe(503);
      expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'IDEMPOTENCY_STORE_UNAVAILABLE' } });
      expect(answer.body.errors?.[0]?.message).toContain('nothing was sent to WeChat');
      expect(sim.counters.calls()).toBe(0);
    } finally {
      await gateway.stop();
      await sim.close();
    }
  });
});
