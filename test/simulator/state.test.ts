/** Token lifetimes, checked on the model with a clock the test moves (no waiting). */
import { WechatState, type Outcome } from '../../src/simulator';

const APPID = 'wx3333333333333333';
const SECRET = '33333333333333333333333333333333';

function setup(tokenTtlSeconds?: number) {
  let clock = 1_700_000_000_000;
  const state = new WechatState({ tokenTtlSeconds, now: () => clock });
  state.accounts.addAccount({ appid: APPID, secret: SECRET, subject: 'Clock Co.' });
  const advance = (seconds: number) => {
    clock += seconds * 1000;
  };
  const stable = (force = false): Outcome =>
    state.tokens.stableToken({ ok: true, value: { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: force } });
  const plain = (): Outcome =>
    state.tokens.plainToken(new URLSearchParams({ grant_type: 'client_credential', appid: APPID, secret: SECRET }));
  const use = (token: unknown): number | undefined => state.openAccountCalls.haveOpenAccount(token as string, { ok: true, value: {} }).answer.errcode as number;
  return { state, advance, stable, plain, use };
}

describe('simulator state: a stable token is reused until 5 minutes are left', () => {
  it('is reused with a falling expires_in until 5 minutes are left, then renewed; the old one lives to its expiry', () => {
    const { advance, stable, use } = setup();
    const first = stable().answer;
    advance(7200 - 301);
    expect(stable().answer).toEqual({ access_token: first.access_token, expires_in: 301 });
    advance(2);
    const renewed = stable().answer;
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expires_in).toBe(7200);
    expect(use(first.access_token)).toBe(0);
    advance(299);
    expect(use(first.access_token)).toBe(42001);
    expect(use(renewed.access_token)).toBe(0);
  });

  it('with a lifetime under 10 minutes, renews at half of it so reuse still happens', () => {
    const { advance, stable } = setup(60);
    const first = stable().answer;
    advance(29);
    expect(stable().answer.access_token).toBe(first.access_token);
    advance(2);
    expect(stable().answer.access_token).not.toBe(first.access_token);
  });

  it('counts each answer that carries a token', () => {
    const { stable } = setup();
    expect(stable().tokenFor).toBe(APPID);
    expect(stable(true).tokenFor).toBe(APPID);
  });
});

describe('simulator state: a replaced plain token works 5 more minutes', () => {
  it('a replaced token works 5 more minutes, then answers 40001 (not latest)', () => {
    const { advance, plain, use } = setup();
    const first = plain().answer.access_token;
    advance(10);
    const second = plain().answer.access_token;
    advance(299);
    expect(use(first)).toBe(0);
    advance(1);
    expect(use(first)).toBe(40001);
    expect(use(second)).toBe(0);
    advance(7200);
    expect(use(second)).toBe(42001);
  });

  it('a replaced token that would expire within the 5 minutes expires as usual (42001)', () => {
    const { advance, plain, use } = setup();
    const first = plain().answer.access_token;
    advance(7200 - 100);
    plain();
    advance(100);
    expect(use(first)).toBe(42001);
  });
});

describe('simulator state: the setup helpers build only consistent state', () => {
  it('refuse inconsistent state instead of building it', () => {
    const { state } = setup();
    expect(() => state.accounts.addAccount({ appid: APPID, secret: SECRET, subject: 'x' })).toThrow(/already exists/);
    expect(() => state.accounts.addOpenAccount({ subject: 'x', members: ['wx9999999999999999'] })).toThrow(/unknown account/);
    const open = state.accounts.addOpenAccount({ subject: 'Clock Co.', members: [APPID] });
    expect(open).toMatch(/^wxo[0-9a-f]{15}$/);
    expect(() => state.accounts.addOpenAccount({ subject: 'Clock Co.', members: [APPID] })).toThrow(/already bound/);
    expect(() => state.accounts.addOpenAccount({ openAppid: open, subject: 'x' })).toThrow(/already exists/);
    expect(() => state.accounts.addOpenAccount({ openAppid: 'bad id!', subject: 'x' })).toThrow();
    expect(() => state.accounts.bindDirect(APPID, 'wxo000000000000000')).toThrow(/unknown open account/);
    expect(() => new WechatState({ tokenTtlSeconds: 0 })).toThrow(RangeError);
  });

  it('bindDirect moves an account between open accounts regardless of rules', () => {
    const { state } = setup();
    const a = state.accounts.addOpenAccount({ subject: 'Clock Co.', members: [APPID] });
    const b = state.accounts.addOpenAccount({ subject: 'Someone Else', createdByApi: false, quota: 0 });
    state.accounts.bindDirect(APPID, b);
    expect(state.accounts.openAppidOf(APPID)).toBe(b);
    expect(state.accounts.openAccount(a)?.members.size).toBe(0);
    expect(state.accounts.openAccount(b)?.members.has(APPID)).toBe(true);
  });
});
