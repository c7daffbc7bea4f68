/**
 * The per-operation loaders of the open-account reads: each appid read once per operation,
 * distinct appids read at most `concurrency` at a time across both loaders, and an appid
 * forgotten after a change to it. The real OpenAccountApi against the simulator; its counters
 * say how many reads reached WeChat and how many were in flight at once.
 */
import { createOpenAccountLoaders } from '../../src/graphql/open-account/open-account.loader';
import type { Simulator } from '../../src/simulator';
import { OpenAccountApi } from '../../src/wechat/calls/open-account';
import type { WeChatTransport } from '../../src/wechat/transport/wechat-transport';
import { useHarness } from '../support/harness';
import { addAccount, appSecrets, ownSecretTokens, simulatorAndTransport, type TestAccount } from '../support/wechat-layer';

const GET = '/cgi-bin/open/get';
const HAVE = '/cgi-bin/open/have';

const harness = useHarness();
let simulator: Simulator;
let transport: WeChatTransport;
let accounts: TestAccount[];
let openAppid: string;
let api: OpenAccountApi;

beforeEach(async () => {
  ({ simulator, transport } = await simulatorAndTransport(harness));
  accounts = Array.from({ length: 8 }, () => addAccount(simulator));
  openAppid = simulator.state.accounts.addOpenAccount({ subject: accounts[0]!.subject, members: accounts.map((a) => a.appid) });
  api = new OpenAccountApi(transport, ownSecretTokens(transport, appSecrets(...accounts)));
});

describe('open-account loaders: the reads of one operation', () => {
  it('dedupe: one appid asked for by many fields at once is read once', async () => {
    const loaders = createOpenAccountLoaders(api, 4);
    const appid = accounts[0]!.appid;
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => loaders.openAccount.load({ appid, maxAge: undefined })),
      ...Array.from({ length: 10 }, () => loaders.hasOpenAccount.load({ appid, maxAge: undefined })),
    ]);
    expect(results.slice(0, 10).every((r) => r.result.ok && r.result.data === openAppid)).toBe(true);
    expect(results.slice(10).every((r) => r.result.ok && r.result.data === true)).toBe(true);
    expect(simulator.counters.calls(GET)).toBe(1);
    expect(simulator.counters.calls(HAVE)).toBe(1);
  });

  it('dedupe: a later field of the same operation is answered from the first read', async () => {
    const loaders = createOpenAccountLoaders(api, 4);
    await loaders.openAccount.load({ appid: accounts[0]!.appid, maxAge: undefined });
    await loaders.openAccount.load({ appid: accounts[0]!.appid, maxAge: undefined });
    expect(simulator.counters.calls(GET)).toBe(1);
    // A new operation reads WeChat afresh.
    await createOpenAccountLoaders(api, 4).openAccount.load({ appid: accounts[0]!.appid, maxAge: undefined });
    expect(simulator.counters.calls(GET)).toBe(2);
  });

  it('cap: distinct appids are read in parallel, at most `concurrency` at a time across both loaders', async () => {
    // Warm the tokens, so only the reads themselves are counted.
    await Promise.all(accounts.map((a) => api.have(a.appid)));
    simulator.counters.reset();
    simulator.faults.inject({ path: GET, kind: 'delay', ms: 40, times: Infinity });
    simulator.faults.inject({ path: HAVE, kind: 'delay', ms: 40, times: Infinity });
    const loaders = createOpenAccountLoaders(api, 3);

    const results = await Promise.all(accounts.flatMap((a) => [loaders.openAccount.load({ appid: a.appid, maxAge: undefined }), loaders.hasOpenAccount.load({ appid: a.appid, maxAge: undefined })]));

    expect(results.every((r) => r.result.ok)).toBe(true);
    expect(simulator.counters.calls(GET) + simulator.counters.calls(HAVE)).toBe(2 * accounts.length);
    expect(simulator.counters.maxConcurrent()).toBe(3);
  });

  it('forget: after a change to an appid, its next read goes to WeChat; other appids stay read', async () => {
    const loaders = createOpenAccountLoaders(api, 4);
    const [changed, other] = [accounts[0]!.appid, accounts[1]!.appid];
    await Promise.all([loaders.openAccount.load({ appid: changed, maxAge: undefined }), loaders.hasOpenAccount.load({ appid: changed, maxAge: undefined }), loaders.openAccount.load({ appid: other, maxAge: undefined })]);
    expect(await api.unbind(changed, openAppid)).toMatchObject({ ok: true });
    loaders.forget(changed);

    expect((await loaders.openAccount.load({ appid: changed, maxAge: undefined })).result).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 89002 } });
    expect((await loaders.hasOpenAccount.load({ appid: changed, maxAge: undefined })).result).toEqual({ ok: true, data: false });
    expect((await loaders.openAccount.load({ appid: other, maxAge: undefined })).result).toEqual({ ok: true, data: openAppid });
    expect(simulator.counters.calls(GET)).toBe(3);
    expect(simulator.counters.calls(HAVE)).toBe(2);
  });
});
