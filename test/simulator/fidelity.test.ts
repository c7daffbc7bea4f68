/**
 * Answers the simulator used to give that WeChat does not (../shared/wechat-api, "Corrections and
 * additions"): each arises from state, with WeChat's errmsg and a rid whose first group is the time.
 */
import { startSimulator, WechatState, type Simulator } from '../../src/simulator';
import { accountWithToken, newAppid, post, stableToken } from './http';

const SUBJECT = 'Fidelity Test Co., Ltd.';

describe('simulator fidelity: what WeChat really answers', () => {
  let sim: Simulator;
  let clock = Date.UTC(2026, 11, 1, 12, 0, 0);

  beforeEach(async () => {
    clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    sim = await startSimulator({ now: () => clock });
  });
  afterEach(() => sim.close());

  it("a rid is three groups of 8 hex digits, the first the request's Unix time in hex", async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await post(sim, '/cgi-bin/open/get', {}, 'not-a-token');
    const rid = / rid: ([0-9a-f]{8})-[0-9a-f]{8}-[0-9a-f]{8}$/.exec(answer.errmsg!)?.[1];
    expect(rid).toBeDefined();
    const seconds = parseInt(rid!, 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("89036's errmsg is WeChat's: open is not created by api or not verified", async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const consoleMade = sim.state.accounts.addOpenAccount({ subject: SUBJECT, createdByApi: false, verified: false });
    expect(await post(sim, '/cgi-bin/open/bind', { appid, open_appid: consoleMade }, token)).toEqual({ errcode: 89036, errmsg: expect.stringMatching(/^open is not created by api or not verified rid: /) });
  });

  it('an unverified open account holds at most 5 accounts; verified, up to its quota of 100', async () => {
    const open = sim.state.accounts.addOpenAccount({ subject: SUBJECT, createdByApi: true, verified: false });
    for (let i = 0; i < 5; i++) {
      const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
      expect((await post(sim, '/cgi-bin/open/bind', { appid, open_appid: open }, token)).errcode).toBe(0);
    }
    const sixth = await accountWithToken(sim, { subject: SUBJECT });
    expect((await post(sim, '/cgi-bin/open/bind', { appid: sixth.appid, open_appid: open }, sixth.token)).errcode).toBe(89004);
    sim.state.accounts.updateOpenAccount(open, { verified: true });
    expect((await post(sim, '/cgi-bin/open/bind', { appid: sixth.appid, open_appid: open }, sixth.token)).errcode).toBe(0);
    expect(sim.state.accounts.openAccount(open)?.members.size).toBe(6);
  });

  it('stable_token force_refresh: not again within 30 s (the same token), at most 20 a day (then 45009)', async () => {
    const appid = newAppid();
    sim.state.accounts.addAccount({ appid, secret: 's'.repeat(32), subject: SUBJECT });
    const force = () => post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret: 's'.repeat(32), force_refresh: true });
    const first = (await force()).access_token;
    clock += 10_000;
    expect((await force()).access_token).toBe(first); // 10 s later: not refreshed again
    for (let i = 2; i <= 20; i++) {
      clock += 31_000;
      const next = (await force()).access_token;
      expect(next).not.toBe(first);
    }
    clock += 31_000;
    expect(await force()).toEqual({ errcode: 45009, errmsg: expect.stringMatching(/^reach max api daily quota limit rid: /) });
    // A plain fetch still works, and the next Beijing day allows force refreshes again.
    expect(await stableToken(sim, appid, 's'.repeat(32))).toEqual(expect.any(String));
    clock += 24 * 3_600_000;
    expect(typeof (await force()).access_token).toBe('string');
  });
});

describe('simulator fidelity: stable_token normal-mode limits, as rules', () => {
  it('10,000 calls a minute per account, then 45011 until the next minute', async () => {
    let clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    const state = new WechatState({ now: () => clock });
    state.accounts.addAccount({ appid: 'wxstable0000000001', secret: 's', subject: SUBJECT });
    const ask = () => state.tokens.stableToken({ ok: true, value: { grant_type: 'client_credential', appid: 'wxstable0000000001', secret: 's' } }).answer;
    for (let i = 0; i < 10_000; i++) expect(ask()['access_token']).toEqual(expect.any(String));
    expect(ask()).toEqual({ errcode: 45011, errmsg: expect.stringMatching(/^api minute-quota reach limit/) });
    clock += 60_000;
    expect(ask()['access_token']).toEqual(expect.any(String));
  });
});
