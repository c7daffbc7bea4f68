/**
 * apiQuota, clearApiQuota and wechatRequest over HTTP against the simulator: every member of
 * their unions arises from the simulator's state, and no credential survives in what
 * wechatRequest answers or in any log line.
 */
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { ApiQuotaDocument, ClearApiQuotaDocument, UnbindOpenAccountDocument, WeChatRequestDocument } from '../../client';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const { acmeCoffeeOA, acmeBakeryMP, boltBikesOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
/** In WECHAT_APPS, but WeChat has never heard of it: its token call answers 40013. */
const UNKNOWN_TO_WECHAT = 'wx00000000000000ff';
/** Not in WECHAT_APPS: no credentials. */
const NOT_CONFIGURED = 'wx0000000000000042';
const UNBIND = '/cgi-bin/open/unbind';

describe('the diagnosis operations: apiQuota, clearApiQuota and wechatRequest answer every member from WeChat\'s state', () => {
  const harness = useHarness();
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeEach(async () => {
    simulator = await harness.simulator();
    gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify({ ...demoCredentials(), [UNKNOWN_TO_WECHAT]: 'whatever' }) } });
  });

  const quota = async (appid: string, cgiPath: string) => (await gateway.executeOk(ApiQuotaDocument, { appid, cgiPath })).apiQuota;
  const clear = async (appid: string) => (await gateway.executeOk(ClearApiQuotaDocument, { appid })).clearApiQuota;
  const lookUp = async (appid: string, rid: string) => (await gateway.executeOk(WeChatRequestDocument, { appid, rid })).wechatRequest;
  /** An unbind WeChat refuses (89001): its error carries the rid of a call WeChat kept. */
  async function failedUnbind(appid = boltBikesOA.appid): Promise<string> {
    const result = (await gateway.executeOk(UnbindOpenAccountDocument, { appid, openAppid: ACME_OPEN })).unbindOpenAccount;
    if (!('requestId' in result) || typeof result.requestId !== 'string') throw new Error(`no requestId in ${JSON.stringify(result)}`);
    return result.requestId;
  }

  describe('apiQuota', () => {
    it("ApiQuota: the account's calls to that API today, as WeChat counted them", async () => {
      simulator.state.quota.setDailyLimit(UNBIND, 1000);
      await failedUnbind();
      await failedUnbind();
      expect(await quota(boltBikesOA.appid, UNBIND)).toEqual({ __typename: 'ApiQuota', cgiPath: UNBIND, dailyLimit: 1000, used: 2, remain: 998 });
    });

    it('InvalidCgiPathError (76021) and CgiPathNotQueryableError (76022), with what to do', async () => {
      expect(await quota(acmeCoffeeOA.appid, '/cgi-bin/open/nothing')).toMatchObject({ __typename: 'InvalidCgiPathError', errcode: 76021, retryable: false, message: expect.stringContaining('/cgi-bin/open/unbind') });
      expect(await quota(acmeCoffeeOA.appid, '/cgi-bin/component/api_query_auth')).toMatchObject({ __typename: 'CgiPathNotQueryableError', errcode: 76022 });
    });

    it('the shared members: NoCredentialsError, WeChatUnavailableError, OtherWeChatError', async () => {
      expect(await quota(NOT_CONFIGURED, UNBIND)).toMatchObject({ __typename: 'NoCredentialsError', appid: NOT_CONFIGURED });
      simulator.faults.inject({ path: '/cgi-bin/openapi/quota/get', kind: 'http500' });
      expect(await quota(acmeCoffeeOA.appid, UNBIND)).toMatchObject({ __typename: 'WeChatUnavailableError', httpStatus: 500 });
      simulator.faults.inject({ path: '/cgi-bin/openapi/quota/get', kind: 'errcode', errcode: 45011 });
      expect(await quota(acmeCoffeeOA.appid, UNBIND)).toMatchObject({ __typename: 'OtherWeChatError', errcode: 45011, retryable: true, retryAfterSeconds: expect.any(Number) });
    });

    it('a cgiPath that is not a path is BAD_USER_INPUT naming it, and nothing is sent', async () => {
      simulator.counters.reset();
      for (const cgiPath of ['', 'cgi-bin/open/unbind', '/cgi bin', `/${'a'.repeat(300)}`]) {
        const result = await gateway.execute(ApiQuotaDocument, { appid: acmeCoffeeOA.appid, cgiPath });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'cgiPath' });
      }
      expect(simulator.counters.calls()).toBe(0);
    });
  });

  describe('clearApiQuota', () => {
    it('ClearApiQuotaSuccess resets the counts; after 10 this month, QuotaClearLimitReachedError (48006); each is audited', async () => {
      await failedUnbind();
      expect(await clear(boltBikesOA.appid)).toEqual({ __typename: 'ClearApiQuotaSuccess', appid: boltBikesOA.appid });
      expect(await quota(boltBikesOA.appid, UNBIND)).toMatchObject({ used: 0 });
      for (let i = 2; i <= 10; i++) expect((await clear(boltBikesOA.appid)).__typename).toBe('ClearApiQuotaSuccess');
      expect(await clear(boltBikesOA.appid)).toMatchObject({ __typename: 'QuotaClearLimitReachedError', errcode: 48006, retryable: false });
      const audits = gateway.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['audit'] === true && l['field'] === 'clearApiQuota');
      expect(audits).toHaveLength(11);
      expect(audits[10]).toMatchObject({ appid: boltBikesOA.appid, result: 'QuotaClearLimitReachedError', errcode: 48006, requestId: expect.any(String) });
    });

    it('InvalidAppIdError (40013): an appid WeChat does not know, refused at the token', async () => {
      expect(await clear(UNKNOWN_TO_WECHAT)).toMatchObject({ __typename: 'InvalidAppIdError', errcode: 40013 });
      expect(simulator.counters.calls('/cgi-bin/clear_quota')).toBe(0);
    });
  });

  describe('wechatRequest: the one-step diagnosis from an error', () => {
    it("WeChatRequest: what WeChat saw of the call an error's requestId names, with the access token removed", async () => {
      const rid = await failedUnbind();
      const seen = await lookUp(boltBikesOA.appid, rid);
      expect(seen).toEqual({
        __typename: 'WeChatRequest',
        rid,
        invokeTime: expect.any(Number),
        costInMs: expect.any(Number),
        requestUrl: `https://api.weixin.qq.com${UNBIND}?access_token=REDACTED`,
        requestBody: JSON.stringify({ appid: boltBikesOA.appid, open_appid: ACME_OPEN }),
        responseBody: expect.stringContaining('"errcode":89001'),
        clientIp: expect.stringContaining('127.0.0.1'),
      });
      if (seen.__typename !== 'WeChatRequest') throw new Error('unreachable');
      expect(Math.abs(seen.invokeTime - Date.now() / 1000)).toBeLessThan(60);
    });

    it('a failed token call: the appsecret the gateway sent is redacted from the body', async () => {
      const secret = demoCredentials()[acmeBakeryMP.appid]!;
      simulator.state.accounts.updateAccount(acmeBakeryMP.appid, { secret: 'rotated-in-the-console' });
      const refused = await quota(acmeBakeryMP.appid, UNBIND);
      expect(refused).toMatchObject({ errcode: 40125 });
      if (!('requestId' in refused) || typeof refused.requestId !== 'string') throw new Error('no requestId');
      simulator.state.accounts.updateAccount(acmeBakeryMP.appid, { secret });
      const seen = await lookUp(acmeBakeryMP.appid, refused.requestId);
      expect(seen).toMatchObject({ __typename: 'WeChatRequest', requestUrl: 'https://api.weixin.qq.com/cgi-bin/stable_token' });
      if (seen.__typename !== 'WeChatRequest') throw new Error('unreachable');
      expect(JSON.parse(seen.requestBody)).toEqual({ grant_type: 'client_credential', appid: acmeBakeryMP.appid, secret: 'REDACTED', force_refresh: false });
    });

    it('RequestIdNotFoundError (76001), InvalidRequestIdError (76002), RequestIdNotPermittedError (76003)', async () => {
      const boltRid = await failedUnbind();
      expect(await lookUp(acmeCoffeeOA.appid, '6b0f2540-00000000-00000000')).toMatchObject({ __typename: 'RequestIdNotFoundError', errcode: 76001, retryable: false });
      expect(await lookUp(acmeCoffeeOA.appid, 'not-a-wechat-rid')).toMatchObject({ __typename: 'InvalidRequestIdError', errcode: 76002 });
      expect(await lookUp(acmeCoffeeOA.appid, boltRid)).toMatchObject({ __typename: 'RequestIdNotPermittedError', errcode: 76003, message: expect.stringContaining('appid that made the call') });
    });

    it('a rid argument that cannot be one is BAD_USER_INPUT naming it, and nothing is sent', async () => {
      simulator.counters.reset();
      for (const rid of ['', 'a b', 'x'.repeat(65), 'rid&access_token=1', '../../etc']) {
        const result = await gateway.execute(WeChatRequestDocument, { appid: acmeCoffeeOA.appid, rid });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'rid' });
        if (rid !== '') expect(result.errors?.[0]?.message).not.toContain(rid);
      }
      expect(simulator.counters.calls()).toBe(0);
    });

    it('no access token or appsecret appears in any answer or log line', async () => {
      const rids = [await failedUnbind(), await failedUnbind()];
      const answers: string[] = [];
      for (const rid of rids) answers.push(JSON.stringify(await lookUp(boltBikesOA.appid, rid)));
      // Every token the simulator saw, read from the URLs it kept, and every configured secret.
      const tokens = simulator.state.served.all().flatMap((r) => [...new URL(r.requestUrl).searchParams.entries()].filter(([name]) => name.endsWith('token')).map(([, value]) => value));
      expect(tokens.length).toBeGreaterThan(0);
      const secrets = [...tokens, ...Object.values(demoCredentials())];
      const text = [...answers, ...gateway.logs].join('\n');
      expect(secrets.filter((s) => text.includes(s))).toEqual([]);
      expect(answers.join('\n')).toContain('access_token=REDACTED');
    });
  });

  it('wechatRequest needs the scope wechat:diagnose; apiQuota openaccount:read; clearApiQuota openaccount:write', async () => {
    await gateway.stop();
    gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    const as = async (scope: string) => ({ authorization: `Bearer ${await signToken({ sub: 'support-engineer', appids: [boltBikesOA.appid], scope })}` });
    const run = async (headers: Record<string, string>, query: string, variables: object) =>
      JSON.parse((await gateway.send({ body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', ...headers } })).text) as { data?: Record<string, { __typename: string } | null> | null; errors?: { extensions: Record<string, unknown> }[] };
    const LOOK_UP = 'query($a: String!, $r: String!) { wechatRequest(appid: $a, rid: $r) { __typename } }';
    const QUOTA = 'query($a: String!, $p: String!) { apiQuota(appid: $a, cgiPath: $p) { __typename } }';
    const CLEAR = 'mutation($a: String!) { clearApiQuota(appid: $a) { __typename } }';
    simulator.counters.reset();
    expect((await run(await as('openaccount:read openaccount:write'), LOOK_UP, { a: boltBikesOA.appid, r: 'x' })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect((await run(await as('openaccount:read'), CLEAR, { a: boltBikesOA.appid })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect((await run(await as('wechat:diagnose'), QUOTA, { a: boltBikesOA.appid, p: UNBIND })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect((await run(await as('wechat:diagnose'), LOOK_UP, { a: acmeCoffeeOA.appid, r: 'x' })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(simulator.counters.calls()).toBe(0);
    expect((await run(await as('wechat:diagnose'), LOOK_UP, { a: boltBikesOA.appid, r: 'not-a-wechat-rid' })).data?.['wechatRequest']?.__typename).toBe('InvalidRequestIdError');
  });
});
