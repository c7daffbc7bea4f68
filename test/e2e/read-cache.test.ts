import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { HasOpenAccountWithAgeDocument, OpenAccountWithAgeDocument, UnbindOpenAccountDocument } from '../../client';
import { startTestGateway, type TestGateway } from '../support/gateway';

const GET = '/cgi-bin/open/get';
const HAVE = '/cgi-bin/open/have';
const UNBIND = '/cgi-bin/open/unbind';
const APPS = JSON.stringify(demoCredentials());
const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

describe('the read cache (WECHAT_READ_CACHE_SECONDS), embedded store', () => {
  let sim: Simulator;
  let gateway: TestGateway;

  beforeEach(async () => {
    sim = await startSimulator({ seed: true });
    gateway = await startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS, WECHAT_READ_CACHE_SECONDS: '300' } });
  });
  afterEach(async () => {
    await gateway.stop();
    await sim.close();
  });

  const read = (appid: string, maxAge?: number) => gateway.executeOk(OpenAccountWithAgeDocument, { appid, maxAge }).then((d) => d.openAccount);
  const readHave = (appid: string, maxAge?: number) => gateway.executeOk(HasOpenAccountWithAgeDocument, { appid, maxAge }).then((d) => d.hasOpenAccount);
  const unbind = (appid: string) => gateway.executeOk(UnbindOpenAccountDocument, { appid, openAppid: ACME_OPEN }).then((d) => d.unbindOpenAccount);

  it('100 concurrent reads of one appid, then 100 more: one WeChat get, one fetchedAt for all', async () => {
    const first = await Promise.all(Array.from({ length: 100 }, () => read(acmeCoffeeOA.appid)));
    const later = await Promise.all(Array.from({ length: 100 }, () => read(acmeCoffeeOA.appid)));
    expect(sim.counters.calls(GET)).toBe(1);
    const all = [...first, ...later];
    expect(new Set(all.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify(all[0])]));
    expect(all[0]).toMatchObject({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    if (all[0]!.__typename !== 'OpenAccount') throw new Error('unreachable');
    expect(Date.now() - Date.parse(all[0]!.fetchedAt)).toBeLessThan(60_000);
  });

  it('have answers are cached apart from get answers', async () => {
    await Promise.all(Array.from({ length: 50 }, () => readHave(acmeCoffeeOA.appid)));
    expect(await readHave(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccountStatus', hasOpenAccount: true });
    expect(sim.counters.calls(HAVE)).toBe(1);
    expect(sim.counters.calls(GET)).toBe(0);
  });

  it('"bound to none" is cached like "bound to X", with when WeChat said so', async () => {
    const first = await read(acmeBakeryMP.appid);
    expect(first).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002 });
    expect(await read(acmeBakeryMP.appid)).toEqual(first);
    expect(sim.counters.calls(GET)).toBe(1);
    if (first.__typename !== 'OpenAccountNotBoundError') throw new Error('unreachable');
    expect(typeof first.notBoundAt).toBe('string');
  });

  it('maxAge: 0 asks WeChat now; a maxAge the cached answer is within is served from the cache', async () => {
    const cached = await read(acmeCoffeeOA.appid);
    expect(await read(acmeCoffeeOA.appid, 3600)).toEqual(cached);
    expect(sim.counters.calls(GET)).toBe(1);
    // Changed in WeChat's own console: the cache cannot know, a fresh read can.
    sim.state.accounts.bindDirect(acmeCoffeeOA.appid, DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid);
    expect(await read(acmeCoffeeOA.appid)).toEqual(cached);
    const fresh = await read(acmeCoffeeOA.appid, 0);
    expect(fresh).toMatchObject({ __typename: 'OpenAccount', openAppid: DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid });
    expect(sim.counters.calls(GET)).toBe(2);
    // The fresh answer replaced the cached one.
    expect(await read(acmeCoffeeOA.appid)).toEqual(fresh);
    expect(sim.counters.calls(GET)).toBe(2);
  });

  it("WeChatApp's fields in a supergraph: a list page seen twice reads WeChat once; maxAge: 0 there asks now", async () => {
    const entities = (maxAge: string) =>
      gateway.send({
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on WeChatApp { appid openAccount${maxAge} { __typename ... on OpenAccount { fetchedAt } } hasOpenAccount${maxAge} { __typename } } } }`,
          variables: { r: [acmeCoffeeOA.appid, acmeCoffeeMP.appid, acmeCoffeeOA.appid].map((appid) => ({ __typename: 'WeChatApp', appid })) },
        }),
        headers: { 'content-type': 'application/json' },
      }).then((r) => JSON.parse(r.text) as { data: { _entities: Array<{ openAccount: { __typename: string; fetchedAt?: string } }> } });
    const first = await entities('');
    expect(await entities('')).toEqual(first);
    expect(first.data._entities.map((e) => e.openAccount.__typename)).toEqual(['OpenAccount', 'OpenAccount', 'OpenAccount']);
    expect(sim.counters.calls(GET)).toBe(2);
    expect(sim.counters.calls(HAVE)).toBe(2);
    await entities('(maxAge: 0)');
    expect(sim.counters.calls(GET)).toBe(4);
  });

  it('a negative maxAge is BAD_USER_INPUT naming the argument, and nothing is read', async () => {
    const result = await gateway.execute(OpenAccountWithAgeDocument, { appid: acmeCoffeeOA.appid, maxAge: -1 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'maxAge' });
    expect(sim.counters.calls()).toBe(0);
  });

  it('errors are never cached: a busy WeChat is asked again on the next read', async () => {
    sim.faults.inject({ path: GET, kind: 'errcode', errcode: 48001 });
    expect(await read(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OtherWeChatError', errcode: 48001 });
    expect(await read(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccount' });
    expect(sim.counters.calls(GET)).toBe(2);
  });

  it('an unbind drops the cached answers of its appid (not of others) before it answers', async () => {
    await read(acmeCoffeeOA.appid);
    await readHave(acmeCoffeeOA.appid);
    await read(acmeCoffeeMP.appid);
    expect(await unbind(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
    expect(await read(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccountNotBoundError' });
    expect(await readHave(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccountStatus', hasOpenAccount: false });
    expect(await read(acmeCoffeeMP.appid)).toMatchObject({ __typename: 'OpenAccount' });
    expect(sim.counters.calls(GET)).toBe(3);
    expect(sim.counters.calls(HAVE)).toBe(2);
  });

  it('an unbind whose outcome is unknown drops them too: the next read asks WeChat', async () => {
    await read(acmeCoffeeOA.appid);
    sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    sim.faults.inject({ path: GET, kind: 'http500', times: 4 });
    expect(await unbind(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OutcomeUnknownError' });
    sim.faults.clear();
    sim.counters.reset();
    expect(await read(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'OpenAccountNotBoundError' });
    expect(sim.counters.calls(GET)).toBe(1);
  });

  it('an unbind refused by WeChat before anything was sent (no credentials) leaves the cache alone', async () => {
    const metrics = async () => (await gateway.send({ method: 'GET', path: '/metrics' })).text;
    await read(acmeCoffeeOA.appid);
    const result = await gateway.executeOk(UnbindOpenAccountDocument, { appid: 'wx0000000000000042', openAppid: ACME_OPEN });
    expect(result.unbindOpenAccount.__typename).toBe('NoCredentialsError');
    expect(await metrics()).toContain('wechat_read_cache_invalidations_total 0');
  });

  it('metrics count hits, coalesced reads, misses and invalidations', async () => {
    await Promise.all(Array.from({ length: 10 }, () => read(acmeCoffeeOA.appid)));
    await read(acmeCoffeeOA.appid);
    await unbind(acmeCoffeeOA.appid);
    const text = (await gateway.send({ method: 'GET', path: '/metrics' })).text;
    const count = (outcome: string) => Number(new RegExp(`wechat_read_cache_reads_total\\{call="get",outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('miss')).toBe(1);
    // The other 9 concurrent reads waited for that call, or found its answer stored already.
    expect(count('coalesced') + count('hit')).toBe(10);
    expect(count('hit')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('wechat_read_cache_invalidations_total 1');
  });
});

describe('without WECHAT_READ_CACHE_SECONDS', () => {
  it('every operation asks WeChat, and fetchedAt is when it did', async () => {
    const sim = await startSimulator({ seed: true });
    const gateway = await startTestGateway({ simulator: sim, env: { WECHAT_APPS: APPS } });
    try {
      const before = Date.now();
      for (let i = 0; i < 5; i += 1) await gateway.executeOk(OpenAccountWithAgeDocument, { appid: acmeCoffeeOA.appid });
      const last = (await gateway.executeOk(OpenAccountWithAgeDocument, { appid: acmeCoffeeOA.appid, maxAge: 3600 })).openAccount;
      expect(sim.counters.calls(GET)).toBe(6);
      if (last.__typename !== 'OpenAccount') throw new Error(`unexpected ${last.__typename}`);
      expect(Date.parse(last.fetchedAt)).toBeGreaterThanOrEqual(before - 1);
    } finally {
      await gateway.stop();
      await sim.close();
    }
  });
});
