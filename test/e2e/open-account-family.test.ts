import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import {
  BindOpenAccountDocument,
  CreateOpenAccountDocument,
  HasOpenAccountDocument,
  MoveAppDocument,
  OpenAccountDocument,
} from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const { acmeCoffeeOA, acmeBakeryMP, lockedOutOA } = DEMO_ACCOUNTS;
const { acmeApi, acmeConsole, boltBikesApi } = DEMO_OPEN_ACCOUNTS;
/** In WECHAT_APPS, but WeChat has never heard of it: the token call answers 40013. */
const UNKNOWN_TO_WECHAT = 'wx00000000000000ff';
const GET = '/cgi-bin/open/get';

describe('the open-account family: each operation answers every union member over HTTP', () => {
  const harness = useHarness();
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeEach(async () => {
    simulator = await harness.simulator();
    const apps = { ...demoCredentials(), [UNKNOWN_TO_WECHAT]: 'whatever' };
    gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify(apps) } });
  });

  describe('createOpenAccount: a new open account, or the typed error WeChat gave', () => {
    it('CreateOpenAccountSuccess: a new open account with the account bound to it', async () => {
      const { createOpenAccount } = await gateway.executeOk(CreateOpenAccountDocument, { appid: acmeBakeryMP.appid });
      expect(createOpenAccount).toMatchObject({ __typename: 'CreateOpenAccountSuccess', appid: acmeBakeryMP.appid });
      if (createOpenAccount.__typename !== 'CreateOpenAccountSuccess') throw new Error('unreachable');
      expect(simulator.state.accounts.openAppidOf(acmeBakeryMP.appid)).toBe(createOpenAccount.openAppid);
    });

    it('AccountAlreadyBoundError (89000): the account is bound already', async () => {
      const { createOpenAccount } = await gateway.executeOk(CreateOpenAccountDocument, { appid: acmeCoffeeOA.appid });
      expect(createOpenAccount).toMatchObject({ __typename: 'AccountAlreadyBoundError', errcode: 89000, retryable: false });
    });

    it('InvalidAppIdError (40013): an appid WeChat does not know, refused at the token', async () => {
      const { createOpenAccount } = await gateway.executeOk(CreateOpenAccountDocument, { appid: UNKNOWN_TO_WECHAT });
      expect(createOpenAccount).toMatchObject({ __typename: 'InvalidAppIdError', errcode: 40013 });
      expect(simulator.counters.calls('/cgi-bin/open/create')).toBe(0);
    });

    it('OtherWeChatError (48001): permission set not granted', async () => {
      const { createOpenAccount } = await gateway.executeOk(CreateOpenAccountDocument, { appid: lockedOutOA.appid });
      expect(createOpenAccount).toMatchObject({ __typename: 'OtherWeChatError', errcode: 48001 });
    });
  });

  describe('bindOpenAccount: the account bound, or the typed error WeChat gave', () => {
    it('BindOpenAccountSuccess: the account is bound', async () => {
      const { bindOpenAccount } = await gateway.executeOk(BindOpenAccountDocument, { appid: acmeBakeryMP.appid, openAppid: acmeApi.openAppid });
      expect(bindOpenAccount).toEqual({ __typename: 'BindOpenAccountSuccess', appid: acmeBakeryMP.appid, openAppid: acmeApi.openAppid, verifiedByRead: false });
      expect(simulator.state.accounts.openAppidOf(acmeBakeryMP.appid)).toBe(acmeApi.openAppid);
    });

    it.each([
      ['AccountAlreadyBoundError', 89000, acmeCoffeeOA.appid, boltBikesApi.openAppid],
      ['SubjectMismatchError', 89001, acmeBakeryMP.appid, boltBikesApi.openAppid],
      ['OpenAccountNotBindableError', 89036, acmeBakeryMP.appid, acmeConsole.openAppid],
      ['InvalidAppIdError', 40013, acmeBakeryMP.appid, 'wxo0000000000000000'],
    ])('%s (%i) from state', async (typename, errcode, appid, openAppid) => {
      const { bindOpenAccount } = await gateway.executeOk(BindOpenAccountDocument, { appid, openAppid });
      expect(bindOpenAccount).toMatchObject({ __typename: typename, errcode, retryable: false });
      expect(simulator.counters.applied('/cgi-bin/open/bind')).toBe(0);
    });

    it('OpenAccountLimitExceededError (89004): the open account is full', async () => {
      const members = [acmeCoffeeOA, DEMO_ACCOUNTS.acmeCoffeeMP, lockedOutOA].length;
      simulator.state.accounts.updateOpenAccount(acmeApi.openAppid, { quota: members });
      const { bindOpenAccount } = await gateway.executeOk(BindOpenAccountDocument, { appid: acmeBakeryMP.appid, openAppid: acmeApi.openAppid });
      expect(bindOpenAccount).toMatchObject({ __typename: 'OpenAccountLimitExceededError', errcode: 89004 });
    });
  });

  describe('openAccount and hasOpenAccount: reads answer a value or a typed error', () => {
    it('openAccount answers OpenAccount, OpenAccountNotBoundError (89002) or InvalidAppIdError (40013)', async () => {
      expect((await gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeOA.appid })).openAccount).toEqual({
        __typename: 'OpenAccount',
        appid: acmeCoffeeOA.appid,
        openAppid: acmeApi.openAppid,
      });
      expect((await gateway.executeOk(OpenAccountDocument, { appid: acmeBakeryMP.appid })).openAccount).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002 });
      expect((await gateway.executeOk(OpenAccountDocument, { appid: UNKNOWN_TO_WECHAT })).openAccount).toMatchObject({ __typename: 'InvalidAppIdError', errcode: 40013 });
    });

    it('OpenAccountStatus: true for a bound account, false for an unbound one', async () => {
      expect((await gateway.executeOk(HasOpenAccountDocument, { appid: acmeCoffeeOA.appid })).hasOpenAccount).toEqual({ __typename: 'OpenAccountStatus', appid: acmeCoffeeOA.appid, hasOpenAccount: true });
      expect((await gateway.executeOk(HasOpenAccountDocument, { appid: acmeBakeryMP.appid })).hasOpenAccount).toMatchObject({ hasOpenAccount: false });
      // have is in permission sets 3/30: without set 24 it still answers; without 3, its 48001 names 3 and 30.
      expect((await gateway.executeOk(HasOpenAccountDocument, { appid: lockedOutOA.appid })).hasOpenAccount).toMatchObject({ __typename: 'OpenAccountStatus', hasOpenAccount: true });
      simulator.state.accounts.updateAccount(lockedOutOA.appid, { basicPermissionGranted: false });
      const refused = (await gateway.executeOk(HasOpenAccountDocument, { appid: lockedOutOA.appid })).hasOpenAccount;
      expect(refused).toMatchObject({ __typename: 'OtherWeChatError', errcode: 48001, message: expect.stringContaining('permission set 3 or 30') });
      expect(refused).not.toMatchObject({ message: expect.stringMatching(/24|25/) });
    });

    it('rejects a bad appid on every operation before any upstream call', async () => {
      for (const document of [OpenAccountDocument, HasOpenAccountDocument, CreateOpenAccountDocument]) {
        const result = await gateway.execute(document as typeof OpenAccountDocument, { appid: 'wx?x' });
        expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'appid' } });
      }
      const bind = await gateway.execute(BindOpenAccountDocument, { appid: acmeBakeryMP.appid, openAppid: 'x'.repeat(65) });
      expect(bind.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'openAppid' } });
      expect(simulator.counters.calls()).toBe(0);
    });
  });

  describe('reads within one operation are made once, and see the changes made before them', () => {
    it('the same appid read under many aliases is one upstream call', async () => {
      const response = await gateway.send({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query($a: String!) { ${Array.from({ length: 20 }, (_, i) => `r${i}: openAccount(appid: $a) { __typename }`).join(' ')} }`,
          variables: { a: acmeCoffeeOA.appid },
        }),
      });
      expect(Object.values(JSON.parse(response.text).data)).toHaveLength(20);
      expect(simulator.counters.calls(GET)).toBe(1);
    });

    it('a successful change makes later reads in the same operation see the new state', async () => {
      const { unbindOpenAccount, bindOpenAccount } = await gateway.executeOk(MoveAppDocument, { appid: acmeCoffeeOA.appid, from: acmeApi.openAppid, to: acmeApi.openAppid });
      expect(unbindOpenAccount).toEqual({ __typename: 'UnbindOpenAccountSuccess', app: { openAccount: { __typename: 'OpenAccountNotBoundError' } } });
      // Without forgetting, this read would answer from the first one: not bound.
      expect(bindOpenAccount).toEqual({ __typename: 'BindOpenAccountSuccess', app: { openAccount: { __typename: 'OpenAccount', openAppid: acmeApi.openAppid } } });
      expect(simulator.counters.calls(GET)).toBe(2);
    });
  });
});
