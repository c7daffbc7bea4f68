import { createServer } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { OpenAccountDocument, UnbindOpenAccountDocument } from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness, type Env } from '../support/harness';

const UNBIND = '/cgi-bin/open/unbind';
const GET = '/cgi-bin/open/get';
const APPS = JSON.stringify(demoCredentials());
const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('reliability: every fault of WeChat ends in a typed answer, never a false success', () => {
  const harness = useHarness();

  /** `simulators` seeded simulators, the gateway calling them in that order (its domains). */
  async function setUp(env: Env = {}, simulators = 1) {
    const sims: Simulator[] = [];
    for (let i = 0; i < simulators; i++) sims.push(await harness.simulator());
    const gateway = await harness.gateway({ wechat: sims, env: { WECHAT_APPS: APPS, ...env } });
    return { sim: sims[0]!, sims, gateway };
  }

  const unbind = (gateway: TestGateway) => gateway.executeOk(UnbindOpenAccountDocument, { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN }).then((d) => d.unbindOpenAccount);

  describe('retries: only "busy" and "too frequent" answers are retried, a bounded number of times', () => {
    it('-1 twice, then success: success after 3 upstream calls', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, times: 2 });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: false });
      expect(sim.counters.calls(UNBIND)).toBe(3);
      expect(sim.counters.applied(UNBIND)).toBe(1);
    });

    it('-1 forever: a typed retryable error after a bounded number of calls', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, times: Infinity });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'OtherWeChatError', errcode: -1, retryable: true });
      expect(sim.counters.calls(UNBIND)).toBe(4); // the first call and 3 retries
    });

    it('45011 (minute quota) is not retried within the call: one upstream call, retryable, retryAfterSeconds until the next minute', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: 45011, times: 1 });
      const answer = await unbind(gateway);
      expect(answer).toMatchObject({ __typename: 'OtherWeChatError', errcode: 45011, retryable: true });
      expect(sim.counters.calls(UNBIND)).toBe(1);
      expect(sim.counters.applied(UNBIND)).toBe(0);
      const retryAfter = (answer as { retryAfterSeconds?: number | null }).retryAfterSeconds;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('other errcodes are not retried either', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: 45009, times: Infinity });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'OtherWeChatError', errcode: 45009, retryable: false, retryAfterSeconds: null });
      expect(sim.counters.calls(UNBIND)).toBe(1);
    });
  });

  describe('failover: a call moves to the next domain only when it never reached the first', () => {
    it('the first domain refuses connections: the call succeeds on the second', async () => {
      const sim = await harness.simulator();
      const gateway = await harness.gateway({ wechat: [await closedPort(), sim], env: { WECHAT_APPS: APPS } });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
      expect(sim.counters.applied(UNBIND)).toBe(1);
    });

    it('a timeout after sending does not move to the second domain', async () => {
      const { sims, gateway } = await setUp({ WECHAT_RESPONSE_TIMEOUT_MS: '300' }, 2);
      const [first, second] = sims as [Simulator, Simulator];
      first.faults.inject({ path: UNBIND, kind: 'hang', times: Infinity });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'WeChatUnavailableError', reason: 'TIMEOUT', mayHaveReachedWeChat: true });
      expect(first.counters.calls(UNBIND)).toBe(2); // sent, read showed not applied, sent once more
      expect(second.counters.calls()).toBe(0);
    });

    it('a domain that keeps failing has its circuit opened, and calls go to the next domain', async () => {
      const { sims, gateway } = await setUp({ WECHAT_BREAKER_THRESHOLD: '3' }, 2);
      const [first, second] = sims as [Simulator, Simulator];
      first.faults.inject({ path: GET, kind: 'http500', times: Infinity });
      const read = () => gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeOA.appid }).then((d) => d.openAccount.__typename);
      for (let i = 0; i < 3; i++) expect(await read()).toBe('WeChatUnavailableError');
      expect(first.counters.calls(GET)).toBe(3);
      // Open: the first domain is not tried at all; the second serves (with its own token).
      expect(await read()).toBe('OpenAccount');
      expect(first.counters.calls(GET)).toBe(3);
      expect(second.counters.calls(GET)).toBeGreaterThanOrEqual(1);
      expect(gateway.logs.some((line) => line.includes('circuit changed state'))).toBe(true);
    });
  });

  describe('unbindOpenAccount: a dropped answer is settled by a read, never by a blind re-send', () => {
    it('connection dropped after the unbind was applied: success verified by read, one unbind call', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: true });
      expect(sim.counters.calls(UNBIND)).toBe(1);
      expect(sim.counters.calls(GET)).toBe(1);
      expect(sim.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBeUndefined();
    });

    it('connection dropped before the unbind was applied: the read says so, it is sent again, success', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'drop' });
      expect(await unbind(gateway)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: false });
      expect(sim.counters.calls(UNBIND)).toBe(2);
      expect(sim.counters.applied(UNBIND)).toBe(1);
    });

    it('when the read fails too, the outcome is reported as unknown, with what to check', async () => {
      const { sim, gateway } = await setUp();
      sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
      sim.faults.inject({ path: GET, kind: 'http500', times: Infinity });
      const result = await unbind(gateway);
      expect(result).toMatchObject({ __typename: 'OutcomeUnknownError', retryable: false });
      if (result.__typename !== 'OutcomeUnknownError') throw new Error('unreachable');
      expect(result.message).toContain(`openAccount(appid: "${acmeCoffeeOA.appid}")`);
      expect(sim.counters.calls(UNBIND)).toBe(1);
    });
  });

  describe('deadlines and overload: a hanging WeChat is answered at the deadline, the excess at once', () => {
    it('a hanging upstream gives a typed error at the operation deadline', async () => {
      const { sim, gateway } = await setUp({ OPERATION_TIMEOUT_MS: '500' });
      await gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeOA.appid }); // warm the token
      sim.faults.inject({ path: '*', kind: 'hang', times: Infinity });
      expect((await gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeOA.appid })).openAccount).toMatchObject({ __typename: 'WeChatUnavailableError', reason: 'TIMEOUT' });
      // A change cut off by the deadline may have been applied, and no read can be made in time.
      expect(await unbind(gateway)).toMatchObject({ __typename: 'OutcomeUnknownError' });
    });

    it('an admitted operation whose reads cannot all get a WeChat slot: the excess are OverloadedError with retryAfterSeconds, never sent', async () => {
      // 3 slots and 2 places in the upstream queue; one operation reading every demo account at once.
      const { sim, gateway } = await setUp({ OPERATION_TIMEOUT_MS: '60000', WECHAT_MAX_IN_FLIGHT: '3', WECHAT_MAX_QUEUE: '2', WECHAT_READ_CONCURRENCY: '20', WECHAT_RESPONSE_TIMEOUT_MS: '60000' });
      const appids = Object.keys(demoCredentials());
      for (const appid of appids) await gateway.executeOk(OpenAccountDocument, { appid }); // tokens warm: one call per read
      sim.faults.inject({ path: GET, kind: 'hang', times: Infinity });
      sim.counters.reset();
      const query = `{ ${appids.map((appid, i) => `a${i}: openAccount(appid: "${appid}") { __typename ... on OverloadedError { retryable retryAfterSeconds message } }`).join(' ')} }`;
      const answer = gateway.send({ body: JSON.stringify({ query }), headers: { 'content-type': 'application/json' } });
      while (sim.counters.calls(GET) < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      await sim.close(); // the 3 held end; the 2 queued get their slots and find WeChat gone
      const { status, text } = await answer;
      expect(status).toBe(200);
      const fields = Object.values(JSON.parse(text).data as Record<string, { __typename: string; retryable?: boolean; retryAfterSeconds?: number; message?: string }>);
      const overloaded = fields.filter((f) => f.__typename === 'OverloadedError');
      expect(overloaded).toHaveLength(appids.length - 5);
      expect(overloaded.every((f) => f.retryable === true && f.retryAfterSeconds! >= 1 && f.message!.includes('nothing was sent'))).toBe(true);
      expect(fields.filter((f) => f.__typename === 'WeChatUnavailableError')).toHaveLength(5);
      expect(sim.counters.calls(GET)).toBe(3); // the overloaded reads were never sent
    });
  });
});
