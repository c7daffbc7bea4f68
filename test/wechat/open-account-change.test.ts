/**
 * OpenAccountApi.change(): a change whose answer was lost is never re-sent blindly; a read of the
 * account's open account settles it. Driven against the simulator over HTTP, its faults losing
 * the answer before or after WeChat applied the change; the counters say what was sent.
 */
import { startSimulator, type Simulator } from '../../src/simulator';
import { MemoryStore } from '../../src/stores/memory-store';
import { OpenAccountApi } from '../../src/wechat/calls/open-account';
import type { WeChatTransport } from '../../src/wechat/transport/wechat-transport';
import { useHarness } from '../support/harness';
import { addAccount, appSecrets, ownSecretTokens, simulatorAndTransport, transportTo, type TestAccount } from '../support/wechat-layer';

const CREATE = '/cgi-bin/open/create';
const BIND = '/cgi-bin/open/bind';
const UNBIND = '/cgi-bin/open/unbind';
const GET = '/cgi-bin/open/get';

const harness = useHarness();
let simulator: Simulator;
let transport: WeChatTransport;
let api: OpenAccountApi;
/** Bound to `openAppid`, created through the API (so the API may unbind it). */
let bound: TestAccount;
/** Same subject, bound to nothing. */
let unbound: TestAccount;
let openAppid: string;

beforeEach(async () => {
  ({ simulator, transport } = await simulatorAndTransport(harness));
  bound = addAccount(simulator);
  unbound = addAccount(simulator);
  openAppid = simulator.state.accounts.addOpenAccount({ subject: bound.subject, createdByApi: true, members: [bound.appid] });
  api = new OpenAccountApi(transport, ownSecretTokens(transport, appSecrets(bound, unbound)));
});

const checkFor = (appid: string) => `Query openAccount(appid: "${appid}") to see its current open account before trying again.`;

describe('OpenAccountApi.change: a change whose answer was lost is settled by a read', () => {
  it('applied: the read shows the change, so it succeeds verified by read and is not sent again', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    expect(await api.unbind(bound.appid, openAppid)).toEqual({ ok: true, data: { value: undefined, verifiedByRead: true } });
    expect(simulator.counters.calls(UNBIND)).toBe(1);
    expect(simulator.counters.calls(GET)).toBe(1);
    expect(simulator.counters.applied(UNBIND)).toBe(1);
    expect(simulator.state.accounts.openAppidOf(bound.appid)).toBeUndefined();
  });

  it('not applied: the read shows no change, so it is sent exactly once more', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop' });
    expect(await api.unbind(bound.appid, openAppid)).toEqual({ ok: true, data: { value: undefined, verifiedByRead: false } });
    expect(simulator.counters.calls(UNBIND)).toBe(2);
    expect(simulator.counters.calls(GET)).toBe(1);
    expect(simulator.counters.applied(UNBIND)).toBe(1);
    expect(simulator.state.accounts.openAppidOf(bound.appid)).toBeUndefined();
  });

  it('the read fails: the outcome is unknown, with what to check before trying again, and nothing is sent again', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop' });
    simulator.faults.inject({ path: GET, kind: 'http500' });
    expect(await api.unbind(bound.appid, openAppid)).toEqual({ ok: false, failure: { kind: 'outcome-unknown', check: checkFor(bound.appid) } });
    expect(simulator.counters.calls(UNBIND)).toBe(1);
    expect(simulator.counters.calls(GET)).toBe(1);
    expect(simulator.state.accounts.openAppidOf(bound.appid)).toBe(openAppid);
  });

  it('the second send is the last: lost again and not applied, its failure is the answer', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop', times: 2 });
    expect(await api.unbind(bound.appid, openAppid)).toMatchObject({ ok: false, failure: { kind: 'unavailable', sent: 'maybe', stage: 'call' } });
    expect(simulator.counters.calls(UNBIND)).toBe(2);
    expect(simulator.counters.calls(GET)).toBe(2);
    expect(simulator.counters.applied(UNBIND)).toBe(0);
  });

  it('the second send lost after WeChat applied it: a second read settles it as applied', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop' });
    simulator.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    expect(await api.unbind(bound.appid, openAppid)).toEqual({ ok: true, data: { value: undefined, verifiedByRead: true } });
    expect(simulator.counters.calls(UNBIND)).toBe(2);
    expect(simulator.counters.calls(GET)).toBe(2);
    expect(simulator.counters.applied(UNBIND)).toBe(1);
  });

  it('an answer is not second-guessed: an errcode is returned without a read or a second send', async () => {
    expect(await api.unbind(unbound.appid, openAppid)).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 89002 } });
    expect(simulator.counters.calls(UNBIND)).toBe(1);
    expect(simulator.counters.calls(GET)).toBe(0);
  });

  it('a call that provably never reached WeChat is not settled by a read: it was not sent', async () => {
    const store = new MemoryStore();
    expect((await ownSecretTokens(transport, appSecrets(bound), store).token(bound.appid)).ok).toBe(true);
    const closed = await startSimulator();
    await closed.close();
    const nowhere = transportTo(closed); // the token is in the store; the call finds its port closed
    const unreachable = new OpenAccountApi(nowhere, ownSecretTokens(nowhere, appSecrets(bound), store));
    expect(await unreachable.unbind(bound.appid, openAppid)).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'connect', sent: 'no', stage: 'call' } });
    await nowhere.close();
    expect(simulator.counters.calls(UNBIND)).toBe(0);
  });

  describe('bindOpenAccount: a lost answer is settled the same way', () => {
    it('applied: the read shows the account on the open account, verified by read', async () => {
      simulator.faults.inject({ path: BIND, kind: 'drop', afterApply: true });
      expect(await api.bind(unbound.appid, openAppid)).toEqual({ ok: true, data: { value: undefined, verifiedByRead: true } });
      expect(simulator.counters.calls(BIND)).toBe(1);
      expect(simulator.state.accounts.openAppidOf(unbound.appid)).toBe(openAppid);
    });

    it('not applied: sent exactly once more', async () => {
      simulator.faults.inject({ path: BIND, kind: 'drop' });
      expect(await api.bind(unbound.appid, openAppid)).toEqual({ ok: true, data: { value: undefined, verifiedByRead: false } });
      expect(simulator.counters.calls(BIND)).toBe(2);
      expect(simulator.counters.applied(BIND)).toBe(1);
    });
  });

  describe('createOpenAccount: a lost answer is settled by a read where a read can tell', () => {
    it('a lost answer after which the account is bound cannot tell a create from an earlier bind: unknown, naming the open account', async () => {
      simulator.faults.inject({ path: CREATE, kind: 'drop', afterApply: true });
      const result = await api.create(unbound.appid);
      const created = simulator.state.accounts.openAppidOf(unbound.appid);
      expect(created).toBeDefined();
      expect(result).toEqual({
        ok: false,
        failure: { kind: 'outcome-unknown', check: `${unbound.appid} is now bound to open account ${created}; if it was not bound before, the create succeeded.` },
      });
      expect(simulator.counters.calls(CREATE)).toBe(1);
    });

    it('not applied (the read finds no open account): sent once more, answering the new open account', async () => {
      simulator.faults.inject({ path: CREATE, kind: 'drop' });
      const result = await api.create(unbound.appid);
      expect(result).toEqual({ ok: true, data: { openAppid: simulator.state.accounts.openAppidOf(unbound.appid), verifiedByRead: false } });
      expect(simulator.counters.calls(CREATE)).toBe(2);
      expect(simulator.counters.applied(CREATE)).toBe(1);
    });
  });
});
