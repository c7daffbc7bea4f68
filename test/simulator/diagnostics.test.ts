/** The diagnosis calls answer from the simulator's own records: quota counts and served requests. */
import { startSimulator, type Simulator } from '../../src/simulator';
import { accountWithToken, post } from './http';

const SUBJECT = 'Diagnosis Test Co., Ltd.';
const QUOTA = '/cgi-bin/openapi/quota/get';
const CLEAR = '/cgi-bin/clear_quota';
const RID_GET = '/cgi-bin/openapi/rid/get';
const GET = '/cgi-bin/open/get';

describe('simulator: quota/get, clear_quota and rid/get arise from state', () => {
  let sim: Simulator;
  let clock = Date.UTC(2026, 11, 1, 4, 0, 0);

  beforeEach(async () => {
    clock = Date.UTC(2026, 11, 1, 4, 0, 0);
    sim = await startSimulator({ now: () => clock });
  });
  afterEach(() => sim.close());

  const quota = (token: string, cgiPath: string) => post(sim, QUOTA, { cgi_path: cgiPath }, token);

  it("quota/get counts the account's calls to that path today; over the daily limit a call answers 45009", async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    sim.state.quota.setDailyLimit(GET, 3);
    expect(await quota(token, GET)).toEqual({ errcode: 0, errmsg: 'ok', quota: { daily_limit: 3, used: 0, remain: 3 } });
    for (let i = 0; i < 3; i++) expect((await post(sim, GET, { appid }, token)).errcode).toBe(89002);
    expect((await quota(token, GET)).quota).toEqual({ daily_limit: 3, used: 3, remain: 0 });
    expect((await post(sim, GET, { appid }, token)).errcode).toBe(45009);
    expect((await quota(token, GET)).quota).toEqual({ daily_limit: 3, used: 3, remain: 0 });
    // Another account's count is its own.
    const other = await accountWithToken(sim, { subject: SUBJECT });
    expect((await quota(other.token, GET)).quota).toMatchObject({ used: 0 });
  });

  it('quota/get: 76021 for a path WeChat does not know, 76022 for a platform API asked with an account token', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    expect(await quota(token, '/cgi-bin/open/nothing')).toEqual({ errcode: 76021, errmsg: expect.stringMatching(/^cgi_path not found, please check rid: /) });
    expect((await quota(token, '')).errcode).toBe(76021);
    expect((await quota(token, '/cgi-bin/component/api_query_auth')).errcode).toBe(76022);
  });

  it('clear_quota resets the counts, 10 times a month, then 48006; only for the token\'s own account (40013)', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    await post(sim, GET, { appid }, token);
    expect((await quota(token, GET)).quota).toMatchObject({ used: 1 });
    expect(await post(sim, CLEAR, { appid }, token)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await quota(token, GET)).quota).toMatchObject({ used: 0 });
    expect((await post(sim, CLEAR, { appid: 'wx0000000000000000' }, token)).errcode).toBe(40013);
    for (let i = 2; i <= 10; i++) expect((await post(sim, CLEAR, { appid }, token)).errcode).toBe(0);
    expect(await post(sim, CLEAR, { appid }, token)).toEqual({ errcode: 48006, errmsg: expect.stringMatching(/^forbid to clear quota because of reaching the limit rid: /) });
    clock = Date.UTC(2027, 0, 1, 4, 0, 0); // next month (Beijing)
    const fresh = await accountWithToken(sim, { subject: SUBJECT });
    expect((await post(sim, CLEAR, { appid: fresh.appid }, fresh.token)).errcode).toBe(0);
    expect((await post(sim, CLEAR, { appid }, (await accountWithToken(sim, { subject: SUBJECT })).token)).errcode).toBe(40013);
  });

  it('rid/get answers what WeChat saw of a failed call, token in the URL and all, to the account that made it', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const failed = await post(sim, GET, { appid }, token);
    const rid = / rid: (\S+)$/.exec(failed.errmsg!)![1]!;
    const answer = await post(sim, RID_GET, { rid }, token);
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      request: {
        invoke_time: Math.floor(clock / 1000),
        cost_in_ms: expect.any(Number),
        request_url: `https://api.weixin.qq.com${GET}?access_token=${encodeURIComponent(token)}`,
        request_body: JSON.stringify({ appid }),
        response_body: JSON.stringify(failed),
        client_ip: expect.stringMatching(/127\.0\.0\.1/),
      },
    });
    // Another account may not read it; a rid never served is not found; one not shaped as a rid is an error.
    const other = await accountWithToken(sim, { subject: SUBJECT });
    expect(await post(sim, RID_GET, { rid }, other.token)).toEqual({ errcode: 76003, errmsg: expect.stringMatching(/^could not query this rid,no permission rid: /) });
    expect(await post(sim, RID_GET, { rid: '6b0f2540-00000000-00000000' }, token)).toEqual({ errcode: 76001, errmsg: expect.stringMatching(/^rid not found rid: /) });
    expect(await post(sim, RID_GET, { rid: 'abc' }, token)).toEqual({ errcode: 76002, errmsg: expect.stringMatching(/^rid is error rid: /) });
    // Kept 7 days.
    clock += 7 * 24 * 3_600_000;
    const later = await accountWithToken(sim, { subject: SUBJECT });
    expect((await post(sim, RID_GET, { rid }, later.token)).errcode).toBe(76001);
  });

  it('a failed token call is kept with its secret, as WeChat sees it (the gateway must redact it)', async () => {
    const { appid } = await accountWithToken(sim, { subject: SUBJECT });
    const refused = await post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret: 'wrong-secret-value', force_refresh: false });
    const rid = / rid: (\S+)$/.exec(refused.errmsg!)![1]!;
    expect(sim.state.served.find(rid)).toMatchObject({ owner: appid, requestBody: expect.stringContaining('wrong-secret-value') });
  });
});
