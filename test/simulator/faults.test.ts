/** Fault injection and counters, seen from a client over real sockets. */
import { FaultQueue, startSimulator, type Simulator } from '../../src/simulator';
import { RID, accountWithToken, get, post, send } from './http';

const SUBJECT = 'Faulty Co.';
const UNBIND = '/cgi-bin/open/unbind';
const HAVE = '/cgi-bin/open/have';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.clear();
  sim.counters.reset();
});

/** An account bound to an API-created open account: unbinding it succeeds unless a fault intervenes. */
async function member() {
  const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
  const openAppid = sim.state.accounts.addOpenAccount({ subject: SUBJECT, members: [appid] });
  const doUnbind = () => post(sim, UNBIND, { open_appid: openAppid }, token);
  return { appid, token, openAppid, doUnbind };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: errcode is answered instead of applying', () => {
  it('answers the errcode instead of applying, once by default; then the call works', async () => {
    const m = await member();
    sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1 });
    const busy = await m.doUnbind();
    expect(busy.errcode).toBe(-1);
    expect(busy.errmsg).toMatch(/^system error/);
    expect(busy.errmsg).toMatch(RID);
    expect(sim.state.accounts.openAppidOf(m.appid)).toBe(m.openAppid);
    expect(sim.counters.applied(UNBIND)).toBe(0);
    expect(await m.doUnbind()).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(sim.counters.calls(UNBIND)).toBe(2);
    expect(sim.counters.applied(UNBIND)).toBe(1);
  });

  it('sends a given errmsg as is, and can fault token calls too', async () => {
    sim.faults.inject({ path: '/cgi-bin/stable_token', kind: 'errcode', errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const answer = await post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx1', secret: 'x' });
    expect(answer).toEqual({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    expect(sim.counters.tokenFetches()).toBe(0);
  });
});

describe('faults: http500 and garbage answer what a broken proxy would', () => {
  it('http500 answers status 500 with an HTML page and applies nothing', async () => {
    const m = await member();
    sim.faults.inject({ path: UNBIND, kind: 'http500' });
    const reply = await send(sim, 'POST', `${UNBIND}?access_token=${m.token}`, { open_appid: m.openAppid });
    expect(reply.status).toBe(500);
    expect(() => reply.json()).toThrow(SyntaxError);
    expect(sim.state.accounts.openAppidOf(m.appid)).toBe(m.openAppid);
  });

  it('garbage answers 200 with a body that is not JSON', async () => {
    const m = await member();
    sim.faults.inject({ path: HAVE, kind: 'garbage' });
    const reply = await send(sim, 'GET', `${HAVE}?access_token=${m.token}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/<html/i);
    expect(() => reply.json()).toThrow(SyntaxError);
  });
});

describe('faults: drop destroys the socket, before or after applying', () => {
  it('destroys the socket: the client sees a socket error and nothing was applied', async () => {
    const m = await member();
    sim.faults.inject({ path: UNBIND, kind: 'drop' });
    await expect(m.doUnbind()).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(sim.state.accounts.openAppidOf(m.appid)).toBe(m.openAppid);
    expect(sim.counters.calls(UNBIND)).toBe(1);
    expect(sim.counters.applied(UNBIND)).toBe(0);
  });

  it('with afterApply the change happened although the client saw an error', async () => {
    const m = await member();
    sim.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    await expect(m.doUnbind()).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(sim.state.accounts.openAppidOf(m.appid)).toBeUndefined();
    expect(sim.counters.applied(UNBIND)).toBe(1);
    expect((await m.doUnbind()).errcode).toBe(89002);
  });
});

describe('faults: hang never answers, until the simulator closes', () => {
  it('never answers, and close() ends the request promptly', async () => {
    const own = await startSimulator();
    own.state.accounts.addAccount({ appid: 'wx4444444444444444', secret: '4'.repeat(32), subject: SUBJECT });
    own.faults.inject({ path: HAVE, kind: 'hang' });
    const pending = get(own, HAVE, { access_token: 'x' }).then(
      () => 'answered',
      () => 'failed',
    );
    await sleep(150);
    expect(own.counters.calls(HAVE)).toBe(1);
    expect(own.counters.maxConcurrent(HAVE)).toBe(1);
    expect(await Promise.race([pending, sleep(0).then(() => 'pending')])).toBe('pending');
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
    await own.close();
  });
});

describe('faults: delay answers late without holding up other requests', () => {
  it('answers and applies after ms, without holding up a parallel request on the same path', async () => {
    const slow = await member();
    const fast = await member();
    sim.faults.inject({ path: UNBIND, kind: 'delay', ms: 400 });
    const order: string[] = [];
    const slowCall = slow.doUnbind().then((a) => {
      order.push('slow');
      return a;
    });
    await sleep(50);
    expect(sim.state.accounts.openAppidOf(slow.appid)).toBe(slow.openAppid);
    const fastAnswer = await fast.doUnbind();
    order.push('fast');
    expect(fastAnswer.errcode).toBe(0);
    expect(sim.state.accounts.openAppidOf(slow.appid)).toBe(slow.openAppid);
    expect(await slowCall).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(order).toEqual(['fast', 'slow']);
    expect(sim.state.accounts.openAppidOf(slow.appid)).toBeUndefined();
    expect(sim.counters.maxConcurrent(UNBIND)).toBe(2);
  });
});

describe('faults: matched by path, used in order, as many times as asked', () => {
  it('times counts matching requests only; Infinity lasts until clearFaults', async () => {
    const m = await member();
    sim.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, times: 2 });
    expect((await get(sim, HAVE, { access_token: m.token })).errcode).toBe(0);
    expect((await m.doUnbind()).errcode).toBe(-1);
    expect((await m.doUnbind()).errcode).toBe(-1);
    expect((await m.doUnbind()).errcode).toBe(0);

    sim.faults.inject({ path: HAVE, kind: 'errcode', errcode: 45011, times: Infinity });
    for (let i = 0; i < 5; i += 1) expect((await get(sim, HAVE, { access_token: m.token })).errcode).toBe(45011);
    sim.faults.clear();
    expect((await get(sim, HAVE, { access_token: m.token })).errcode).toBe(0);
  });

  it("'*' matches any path; faults are used in the order they were queued", async () => {
    const m = await member();
    sim.faults.inject({ path: '*', kind: 'errcode', errcode: -1 });
    sim.faults.inject({ path: HAVE, kind: 'errcode', errcode: 45011 });
    sim.faults.inject({ path: '*', kind: 'http500' });
    expect((await post(sim, '/cgi-bin/open/get', {}, m.token)).errcode).toBe(-1);
    expect((await get(sim, HAVE, { access_token: m.token })).errcode).toBe(45011);
    expect((await send(sim, 'GET', '/anything')).status).toBe(500);
    expect((await send(sim, 'GET', '/anything')).status).toBe(404);
  });

  it('refuses nonsense', () => {
    const queue = new FaultQueue();
    expect(() => queue.inject({ path: '*', kind: 'http500', times: 0 })).toThrow(RangeError);
    expect(() => queue.inject({ path: '*', kind: 'http500', times: 1.5 })).toThrow(RangeError);
    expect(() => queue.inject({ path: '*', kind: 'delay', ms: -1 })).toThrow(RangeError);
    expect(queue.pending).toBe(0);
  });
});

describe('counters: what arrived, what was applied, and how much at once', () => {
  it('calls, applied and tokenFetches per path / appid and in total; resetCounters zeroes them', async () => {
    const a = await member();
    const b = await member();
    await a.doUnbind();
    await a.doUnbind();
    await post(sim, '/cgi-bin/open/get', {}, b.token);
    expect(sim.counters.calls(UNBIND)).toBe(2);
    expect(sim.counters.calls('/cgi-bin/open/get')).toBe(1);
    expect(sim.counters.calls('/cgi-bin/stable_token')).toBe(2);
    expect(sim.counters.calls()).toBe(5);
    expect(sim.counters.applied(UNBIND)).toBe(1);
    expect(sim.counters.applied('/cgi-bin/open/get')).toBe(0);
    expect(sim.counters.tokenFetches(a.appid)).toBe(1);
    expect(sim.counters.tokenFetches()).toBe(2);
    sim.counters.reset();
    expect([sim.counters.calls(), sim.counters.applied(UNBIND), sim.counters.tokenFetches(), sim.counters.maxConcurrent()]).toEqual([0, 0, 0, 0]);
  });

  it('maxConcurrent sees requests in flight together, per path and overall', async () => {
    const m = await member();
    sim.faults.inject({ path: HAVE, kind: 'delay', ms: 150, times: 3 });
    await Promise.all([1, 2, 3].map(() => get(sim, HAVE, { access_token: m.token })));
    await post(sim, '/cgi-bin/open/get', {}, m.token);
    expect(sim.counters.maxConcurrent(HAVE)).toBe(3);
    expect(sim.counters.maxConcurrent('/cgi-bin/open/get')).toBe(1);
    expect(sim.counters.maxConcurrent()).toBe(3);
  });
});
