/**
 * withToken: a call WeChat refuses for its token (40001/40014/42001) gets one fresh token and is
 * made once more; the refused token is dropped only while it is still the stored one. The token
 * provider is the real one (own appsecret, SharedTokenCache over a MemoryStore), the call a real
 * `open/get` against the simulator. `observed` only records what withToken asked of the provider.
 */
import type { Simulator } from '../../src/simulator';
import { MemoryStore } from '../../src/stores/memory-store';
import { withToken } from '../../src/wechat/tokens/with-token';
import type { TokenProvider } from '../../src/wechat/tokens/token-provider';
import type { WeChatTransport } from '../../src/wechat/transport/wechat-transport';
import { useHarness } from '../support/harness';
import { addAccount, appSecrets, ownSecretTokens, simulatorAndTransport, type TestAccount } from '../support/wechat-layer';

const GET = '/cgi-bin/open/get';

const harness = useHarness();
let simulator: Simulator;
let transport: WeChatTransport;
let account: TestAccount;

beforeEach(async () => {
  ({ simulator, transport } = await simulatorAndTransport(harness));
  account = addAccount(simulator);
  simulator.state.accounts.addOpenAccount({ subject: account.subject, members: [account.appid] });
});

/** The provider, with a record of each token asked for (and the refused one named) and each token invalidated. */
function observed(provider: TokenProvider) {
  const asked: Array<['token', string | undefined] | ['invalidate', string]> = [];
  const tokens: TokenProvider = {
    token: (appid, refused) => (asked.push(['token', refused]), provider.token(appid, refused)),
    invalidate: (appid, failed) => (asked.push(['invalidate', failed]), provider.invalidate(appid, failed)),
  };
  return { tokens, asked };
}

/** `open/get` for the account with the token it is given; `used` lists those tokens in order. */
function getCall(used: string[] = []) {
  const call = (accessToken: string) => {
    used.push(accessToken);
    return transport.send({ method: 'POST', path: GET, query: { access_token: accessToken }, body: { appid: account.appid } });
  };
  return { call, used };
}

describe('withToken: a refused token is refreshed once, then the call is made once more', () => {
  it.each([
    ['40001 (the token was replaced elsewhere)', (sim: Simulator, appid: string) => sim.state.revokeTokens(appid)],
    ['42001 (the token expired)', (sim: Simulator, appid: string) => sim.state.expireTokens(appid)],
  ])('WeChat refuses the token with %s: the refused one is invalidated, a new one fetched, the call repeated', async (_, refuse) => {
    const provider = ownSecretTokens(transport, appSecrets(account));
    expect((await provider.token(account.appid)).ok).toBe(true);
    refuse(simulator, account.appid);
    const { tokens, asked } = observed(provider);
    const { call, used } = getCall();

    const result = await withToken(tokens, account.appid, call);

    expect(result).toMatchObject({ ok: true, data: { open_appid: simulator.state.accounts.openAppidOf(account.appid) } });
    expect(used).toHaveLength(2);
    expect(used[1]).not.toBe(used[0]);
    expect(asked).toEqual([['token', undefined], ['invalidate', used[0]], ['token', used[0]]]);
    expect(simulator.counters.calls(GET)).toBe(2);
    expect(simulator.counters.tokenFetches(account.appid)).toBe(2);
  });

  it.each([40001, 40014, 42001])('errcode %i on the call is a token refusal: one refresh, one more call', async (errcode) => {
    simulator.faults.inject({ path: GET, kind: 'errcode', errcode });
    const { tokens, asked } = observed(ownSecretTokens(transport, appSecrets(account)));
    const { call, used } = getCall();

    expect(await withToken(tokens, account.appid, call)).toMatchObject({ ok: true });
    expect(asked).toEqual([['token', undefined], ['invalidate', used[0]], ['token', used[0]]]);
    expect(simulator.counters.calls(GET)).toBe(2);
  });

  it('a second refusal is the answer: no second refresh, no third call', async () => {
    simulator.faults.inject({ path: GET, kind: 'errcode', errcode: 40001, times: 2 });
    const { tokens, asked } = observed(ownSecretTokens(transport, appSecrets(account)));
    const { call } = getCall();

    expect(await withToken(tokens, account.appid, call)).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 40001, stage: 'call' } });
    expect(asked.filter(([op]) => op === 'invalidate')).toHaveLength(1);
    expect(simulator.counters.calls(GET)).toBe(2);
  });

  it('any other errcode is an answer: the token is kept and the call is not repeated', async () => {
    simulator.faults.inject({ path: GET, kind: 'errcode', errcode: 48001 });
    const { tokens, asked } = observed(ownSecretTokens(transport, appSecrets(account)));

    expect(await withToken(tokens, account.appid, getCall().call)).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 48001 } });
    expect(asked).toEqual([['token', undefined]]);
    expect(simulator.counters.calls(GET)).toBe(1);
  });

  it('no token, no call: a token failure is returned as it is', async () => {
    const { call, used } = getCall();
    const result = await withToken(ownSecretTokens(transport, new Map()), account.appid, call);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'no-credentials', appid: account.appid } });
    expect(used).toEqual([]);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('the refresh failing is the answer: the call is not made again', async () => {
    const provider = ownSecretTokens(transport, appSecrets(account));
    await provider.token(account.appid);
    simulator.state.revokeTokens(account.appid);
    simulator.faults.inject({ path: '/cgi-bin/stable_token', kind: 'errcode', errcode: 40164 });

    expect(await withToken(provider, account.appid, getCall().call)).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 40164, stage: 'token' } });
    expect(simulator.counters.calls(GET)).toBe(1);
  });
});

describe('withToken: replicas sharing a store drop a refused token only while it is still the stored one', () => {
  it('a replica refused a token another replica already replaced keeps the new one: one refresh in all', async () => {
    const store = new MemoryStore();
    const [a, b] = [ownSecretTokens(transport, appSecrets(account), store), ownSecretTokens(transport, appSecrets(account), store)];
    const [first] = await Promise.all([a.token(account.appid), b.token(account.appid)]);
    expect(simulator.counters.tokenFetches(account.appid)).toBe(1);
    simulator.state.revokeTokens(account.appid); // both replicas hold the token WeChat now refuses

    const fromA = getCall();
    expect(await withToken(a, account.appid, fromA.call)).toMatchObject({ ok: true });
    const fresh = fromA.used[1];
    const fromB = getCall();
    expect(await withToken(b, account.appid, fromB.call)).toMatchObject({ ok: true });

    expect(first).toEqual({ ok: true, data: fromA.used[0] });
    expect(fromB.used).toEqual([fromA.used[0], fresh]);
    // A third replica starting now finds the fresh token in the store.
    expect(await ownSecretTokens(transport, appSecrets(account), store).token(account.appid)).toEqual({ ok: true, data: fresh });
    expect(simulator.counters.tokenFetches(account.appid)).toBe(2);
  });
});
