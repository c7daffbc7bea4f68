import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { UnbindOpenAccountDocument } from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const UNBIND = '/cgi-bin/open/unbind';
const { acmeCoffeeOA, acmeCoffeeMP, acmeTeaOA, boltBikesOA, frozenFoodsOA, lockedOutOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

describe('unbindOpenAccount over HTTP, against the simulator', () => {
  const harness = useHarness();
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeEach(async () => ({ simulator, gateway } = await harness.demo()));

  const unbind = async (appid: string, openAppid: string) =>
    (await gateway.executeOk(UnbindOpenAccountDocument, { appid, openAppid })).unbindOpenAccount;

  describe('unbindOpenAccount: each answer of WeChat is its own union member', () => {
    it('UnbindOpenAccountSuccess: the account is unbound in WeChat', async () => {
      expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(ACME_OPEN);
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toEqual({
        __typename: 'UnbindOpenAccountSuccess',
        appid: acmeCoffeeOA.appid,
        openAppid: ACME_OPEN,
        verifiedByRead: false,
      });
      expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBeUndefined();
      expect(simulator.counters.applied(UNBIND)).toBe(1);
    });

    it('InvalidAppIdError (40013): an open_appid WeChat does not know', async () => {
      const result = await unbind(acmeCoffeeOA.appid, 'wxo0000000000000000');
      expect(result).toMatchObject({ __typename: 'InvalidAppIdError', errcode: 40013, retryable: false });
      if (result.__typename !== 'InvalidAppIdError') throw new Error('unreachable');
      expect(result.errmsg).toMatch(/^invalid appid rid: /);
      expect(result.errmsg).toContain(result.requestId);
      expect(result.message).toMatch(/spelling and case/);
    });

    it('SubjectMismatchError (89001): an account of another owner', async () => {
      expect(await unbind(boltBikesOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'SubjectMismatchError', errcode: 89001, retryable: false });
    });

    it('OpenAccountNotCreatedByApiError (89003): an open account made in the console', async () => {
      const result = await unbind(acmeTeaOA.appid, DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid);
      expect(result).toMatchObject({ __typename: 'OpenAccountNotCreatedByApiError', errcode: 89003, retryable: false });
      expect(simulator.state.accounts.openAppidOf(acmeTeaOA.appid)).toBe(DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid);
    });

    it('OpenAccountLimitExceededError (89004): an open account over its limit', async () => {
      const result = await unbind(frozenFoodsOA.appid, DEMO_OPEN_ACCOUNTS.frozenFoodsApi.openAppid);
      expect(result).toMatchObject({ __typename: 'OpenAccountLimitExceededError', errcode: 89004 });
    });

    it('OpenAccountNotBoundError (89002): unbinding twice', async () => {
      await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002, retryable: false });
      expect(simulator.counters.applied(UNBIND)).toBe(1);
    });

    it('OtherWeChatError: an errcode without a type of its own (48001 permission not granted)', async () => {
      const result = await unbind(lockedOutOA.appid, ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'OtherWeChatError', errcode: 48001, retryable: false });
      if (result.__typename !== 'OtherWeChatError') throw new Error('unreachable');
      expect(result.message).toMatch(/permission set 24/);
    });

    it('OtherWeChatError: WeChat busy (-1) past every retry is retryable, and nothing is unbound', async () => {
      simulator.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, errmsg: 'system error', times: Infinity });
      const result = await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'OtherWeChatError', errcode: -1, errmsg: 'system error', requestId: null, retryable: true });
      expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(ACME_OPEN);
    });

    it('NoCredentialsError: an appid the gateway holds no secret for, and nothing is sent', async () => {
      const result = await unbind('wx0000000000000042', ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'NoCredentialsError', appid: 'wx0000000000000042', retryable: false });
      if (result.__typename !== 'NoCredentialsError') throw new Error('unreachable');
      expect(result.message).toContain('WECHAT_APPS');
      expect(simulator.counters.calls()).toBe(0);
    });

    // A change that may have reached WeChat is settled by a read; when WeChat keeps failing, the
    // read shows it was not applied, it is sent once more, and the failure is reported.
    it('WeChatUnavailableError: HTTP 500 is a retryable error, never a success', async () => {
      simulator.faults.inject({ path: UNBIND, kind: 'http500', times: Infinity });
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({
        __typename: 'WeChatUnavailableError',
        reason: 'HTTP_STATUS',
        httpStatus: 500,
        retryable: true,
        mayHaveReachedWeChat: true,
      });
      expect(simulator.counters.calls(UNBIND)).toBe(2);
      expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(ACME_OPEN);
    });

    it('WeChatUnavailableError: a non-JSON answer is a retryable error, never a success', async () => {
      simulator.faults.inject({ path: UNBIND, kind: 'garbage', times: Infinity });
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'WeChatUnavailableError', reason: 'BAD_RESPONSE', retryable: true });
    });

    it('WeChatUnavailableError: a connection that keeps dropping is reported as possibly applied', async () => {
      simulator.faults.inject({ path: UNBIND, kind: 'drop', times: Infinity });
      const result = await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'WeChatUnavailableError', reason: 'CONNECTION_LOST', mayHaveReachedWeChat: true });
      if (result.__typename !== 'WeChatUnavailableError') throw new Error('unreachable');
      expect(result.message).toMatch(/read the current state/);
    });

    it('garbage from the token call is a typed error too', async () => {
      simulator.faults.inject({ path: '/cgi-bin/stable_token', kind: 'garbage' });
      const result = await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'WeChatUnavailableError', reason: 'BAD_RESPONSE' });
      if (result.__typename !== 'WeChatUnavailableError') throw new Error('unreachable');
      expect(result.message).toMatch(/^Fetching the access token failed/);
      expect(simulator.counters.calls(UNBIND)).toBe(0);
    });
  });

  describe('access tokens: fetched once, kept, and refreshed once when WeChat refuses one', () => {
    it('100 concurrent calls for a cold appid cause exactly one token fetch', async () => {
      const results = await Promise.all(Array.from({ length: 100 }, () => unbind(acmeCoffeeOA.appid, ACME_OPEN)));
      expect(simulator.counters.tokenFetches(acmeCoffeeOA.appid)).toBe(1);
      expect(simulator.counters.tokenFetches()).toBe(1);
      const types = results.map((r) => r.__typename);
      expect(types.filter((t) => t === 'UnbindOpenAccountSuccess')).toHaveLength(1);
      expect(simulator.counters.calls(UNBIND)).toBe(100);
    });

    it('reuses the cached token across operations', async () => {
      await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      await unbind(acmeCoffeeMP.appid, ACME_OPEN);
      await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(simulator.counters.tokenFetches(acmeCoffeeOA.appid)).toBe(1);
      expect(simulator.counters.tokenFetches(acmeCoffeeMP.appid)).toBe(1);
    });

    it('an expired token (42001) is refreshed once and the call succeeds', async () => {
      await unbind(acmeCoffeeMP.appid, 'wxo0000000000000000'); // caches a token for the MP only
      await unbind(acmeCoffeeOA.appid, 'wxo0000000000000000'); // and one for the OA
      simulator.state.expireTokens(acmeCoffeeOA.appid);
      simulator.counters.reset();
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
      expect(simulator.counters.tokenFetches(acmeCoffeeOA.appid)).toBe(1);
      expect(simulator.counters.calls(UNBIND)).toBe(2);
      expect(simulator.counters.applied(UNBIND)).toBe(1);
    });

    it('a token WeChat no longer accepts (40001) is refreshed once and the call succeeds', async () => {
      await unbind(acmeCoffeeOA.appid, 'wxo0000000000000000');
      simulator.state.revokeTokens(acmeCoffeeOA.appid);
      simulator.counters.reset();
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'UnbindOpenAccountSuccess' });
      expect(simulator.counters.tokenFetches(acmeCoffeeOA.appid)).toBe(1);
    });

    it('a token refused twice is answered, not retried in a loop', async () => {
      simulator.faults.inject({ path: UNBIND, kind: 'errcode', errcode: 40001, errmsg: 'invalid credential', times: Infinity });
      expect(await unbind(acmeCoffeeOA.appid, ACME_OPEN)).toMatchObject({ __typename: 'OtherWeChatError', errcode: 40001 });
      expect(simulator.counters.calls(UNBIND)).toBe(2);
    });

    it('concurrent calls that fail with the same stale token cause one refresh, not one each', async () => {
      await unbind(acmeCoffeeOA.appid, 'wxo0000000000000000');
      simulator.state.expireTokens(acmeCoffeeOA.appid);
      simulator.counters.reset();
      const results = await Promise.all(Array.from({ length: 20 }, () => unbind(acmeCoffeeOA.appid, ACME_OPEN)));
      expect(simulator.counters.tokenFetches(acmeCoffeeOA.appid)).toBe(1);
      expect(results.filter((r) => r.__typename === 'UnbindOpenAccountSuccess')).toHaveLength(1);
    });

    it('a wrong appsecret is a typed token error, and is not cached', async () => {
      await gateway.stop();
      gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify({ [acmeCoffeeOA.appid]: 'not-the-secret' }) } });
      const result = await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(result).toMatchObject({ __typename: 'OtherWeChatError', errcode: 40125, retryable: false });
      if (result.__typename !== 'OtherWeChatError') throw new Error('unreachable');
      expect(result.message).toMatch(/^Fetching the access token failed.*WECHAT_APPS/);
      await unbind(acmeCoffeeOA.appid, ACME_OPEN);
      expect(simulator.counters.calls('/cgi-bin/stable_token')).toBe(2);
      expect(simulator.counters.calls(UNBIND)).toBe(0);
    });
  });

  describe('unbindOpenAccount: bad input never reaches WeChat', () => {
    it.each([
      ['empty', ''],
      ['65 characters', 'w'.repeat(65)],
      ['an ampersand', 'wx123&access_token=x'],
      ['a question mark', 'wx123?x=1'],
      ['a hash', 'wx123#x'],
      ['a NUL byte', 'wx123\u0000'],
      ['a path', '/../cgi-bin/token'],
      ['a percent escape', 'wx%26'],
      ['a unicode look-alike', 'wх1234567890abcdef'], // Cyrillic х
      ['a space', 'wx 123'],
    ])('appid with %s is BAD_USER_INPUT naming the argument', async (_, bad) => {
      for (const [appid, openAppid, argument] of [
        [bad, ACME_OPEN, 'appid'],
        [acmeCoffeeOA.appid, bad, 'openAppid'],
      ] as const) {
        const result = await gateway.execute(UnbindOpenAccountDocument, { appid, openAppid });
        expect(result.data).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: argument } });
        expect(result.errors![0]!.message).toContain(`"${argument}"`);
      }
      expect(simulator.counters.calls()).toBe(0);
    });

    it('a missing or mistyped variable is a client error with no upstream call', async () => {
      const response = await gateway.send({
        body: JSON.stringify({ query: 'mutation($a: String!, $o: String!) { unbindOpenAccount(appid: $a, openAppid: $o) { __typename } }', variables: { a: 12, o: null } }),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(simulator.counters.calls()).toBe(0);
    });
  });

  it('no access token or secret appears in any response or log line', async () => {
    const bodies: string[] = [];
    for (const [appid, openAppid] of [
      [acmeCoffeeOA.appid, ACME_OPEN],
      [boltBikesOA.appid, ACME_OPEN],
      [lockedOutOA.appid, ACME_OPEN],
      [acmeTeaOA.appid, 'wxo0000000000000000'],
    ]) {
      const response = await gateway.send({
        body: JSON.stringify({ query: 'mutation($a: String!, $o: String!) { unbindOpenAccount(appid: $a, openAppid: $o) { __typename ... on GatewayError { message } ... on WeChatError { errmsg } } }', variables: { a: appid, o: openAppid } }),
        headers: { 'content-type': 'application/json' },
      });
      bodies.push(response.text);
    }
    simulator.faults.inject({ path: UNBIND, kind: 'http500', times: Infinity });
    await unbind(acmeCoffeeMP.appid, ACME_OPEN);

    // The stable token WeChat issued is the same one the simulator hands out again while it is valid.
    const secrets = Object.values(demoCredentials());
    const tokens: string[] = [];
    for (const account of [acmeCoffeeOA, acmeCoffeeMP, boltBikesOA, lockedOutOA, acmeTeaOA]) {
      const response = await request(`${simulator.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: account.appid, secret: account.secret }),
      });
      tokens.push(((await response.body.json()) as { access_token: string }).access_token);
    }
    expect(gateway.logs.length).toBeGreaterThan(5);
    expect(gateway.logs.some((line) => line.includes('/cgi-bin/open/unbind'))).toBe(true);
    const everything = [...bodies, ...gateway.logs].join('\n');
    for (const secret of [...secrets, ...tokens]) expect(everything).not.toContain(secret);
  });
});
