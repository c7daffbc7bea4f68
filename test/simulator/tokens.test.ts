import { startSimulator, type Simulator } from '../../src/simulator';
import { RID, get, post, send, stableToken } from './http';

const APPID = 'wx1111111111111111';
const SECRET = '0123456789abcdef0123456789abcdef';
const OTHER = 'wx2222222222222222';
const OTHER_SECRET = 'fedcba9876543210fedcba9876543210';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
  sim.state.accounts.addAccount({ appid: APPID, secret: SECRET, subject: 'Token Test Co.' });
  sim.state.accounts.addAccount({ appid: OTHER, secret: OTHER_SECRET, subject: 'Token Test Co.' });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.revokeTokens();
  sim.counters.reset();
});

const have = (token?: string) => get(sim, '/cgi-bin/open/have', token === undefined ? {} : { access_token: token });

describe('simulator: POST /cgi-bin/stable_token returns the same token while it is valid', () => {
  it('issues a token valid for 7200 s and returns the same one while it is valid', async () => {
    const first = await post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET });
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    const second = await post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: false });
    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_in).toBeLessThanOrEqual(7200);
    expect(sim.counters.tokenFetches(APPID)).toBe(2);
    expect(await have(first.access_token as string)).toEqual({ errcode: 0, errmsg: 'ok', have_open: false });
  });

  it('force_refresh issues a new token and the old one answers 40001 at once', async () => {
    const old = await stableToken(sim, APPID, SECRET);
    const fresh = await stableToken(sim, APPID, SECRET, true);
    expect(fresh).not.toBe(old);
    expect((await have(old)).errcode).toBe(40001);
    expect((await have(fresh)).errcode).toBe(0);
    expect(await stableToken(sim, APPID, SECRET)).toBe(fresh);
  });

  it('refuses bad credentials with the errcode for each, and counts no fetch', async () => {
    const ask = (body: unknown) => post(sim, '/cgi-bin/stable_token', body);
    expect((await ask({ grant_type: 'password', appid: APPID, secret: SECRET })).errcode).toBe(40002);
    expect((await ask({ appid: APPID, secret: SECRET })).errcode).toBe(40002);
    expect((await ask({ grant_type: 'client_credential', secret: SECRET })).errcode).toBe(41002);
    expect((await ask({ grant_type: 'client_credential', appid: APPID })).errcode).toBe(41004);
    expect((await ask({ grant_type: 'client_credential', appid: 'wx0000000000000000', secret: SECRET })).errcode).toBe(40013);
    const wrong = await ask({ grant_type: 'client_credential', appid: APPID, secret: OTHER_SECRET });
    expect(wrong.errcode).toBe(40125);
    expect(wrong.errmsg).toMatch(/^invalid appsecret rid: /);
    expect(wrong.errmsg).toMatch(RID);
    expect((await ask({ grant_type: 'client_credential', appid: 42, secret: SECRET })).errcode).toBe(40013);
    expect((await send(sim, 'POST', '/cgi-bin/stable_token', '{"grant_type":')).json().errcode).toBe(47001);
    expect(sim.counters.tokenFetches()).toBe(0);
    expect(sim.counters.calls('/cgi-bin/stable_token')).toBe(8);
  });

  it('answers GET with HTTP 200 and 43002 require POST method', async () => {
    const reply = await send(sim, 'GET', '/cgi-bin/stable_token');
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ errcode: 43002, errmsg: expect.stringMatching(/^require POST method rid: /) });
  });
});

describe('simulator: GET /cgi-bin/token issues a new token on every call', () => {
  const fetchToken = (params: Record<string, string>) => get(sim, '/cgi-bin/token', params);
  const credentials = { grant_type: 'client_credential', appid: APPID, secret: SECRET };

  it('issues a new token on every call; the previous one keeps working for now', async () => {
    const first = await fetchToken(credentials);
    const second = await fetchToken(credentials);
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect(second.access_token).not.toBe(first.access_token);
    expect((await have(first.access_token as string)).errcode).toBe(0);
    expect((await have(second.access_token as string)).errcode).toBe(0);
    expect(sim.counters.tokenFetches(APPID)).toBe(2);
  });

  it('does not disturb the stable token (the two kinds are independent)', async () => {
    const stable = await stableToken(sim, APPID, SECRET);
    await fetchToken(credentials);
    expect(await stableToken(sim, APPID, SECRET)).toBe(stable);
  });

  it('refuses bad credentials', async () => {
    expect((await fetchToken({ ...credentials, grant_type: 'x' })).errcode).toBe(40002);
    expect((await fetchToken({ grant_type: 'client_credential', secret: SECRET })).errcode).toBe(41002);
    expect((await fetchToken({ grant_type: 'client_credential', appid: APPID })).errcode).toBe(41004);
    expect((await fetchToken({ ...credentials, secret: OTHER_SECRET })).errcode).toBe(40125);
    expect(sim.counters.tokenFetches()).toBe(0);
  });
});

describe('simulator: every protected call checks its access_token', () => {
  it('missing → 41001, unknown → 40001', async () => {
    const missing = await have();
    expect(missing.errcode).toBe(41001);
    expect(missing.errmsg).toMatch(/^access_token missing rid: /);
    expect((await have('')).errcode).toBe(41001);
    const unknown = await have('not-a-token');
    expect(unknown.errcode).toBe(40001);
    // Today's long form, as WeChat sends it.
    expect(unknown.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https:\/\/mmbizurl\.cn\/s\/JtxxFh33r rid: /);
  });

  it('expireTokens → 42001, and the next stable_token issues a new token', async () => {
    const old = await stableToken(sim, APPID, SECRET);
    sim.state.expireTokens();
    const expired = await have(old);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(/^access_token expired rid: /);
    const fresh = await stableToken(sim, APPID, SECRET);
    expect(fresh).not.toBe(old);
    expect((await have(fresh)).errcode).toBe(0);
  });

  it('expireTokens(appid) and revokeTokens(appid) touch only that account', async () => {
    const mine = await stableToken(sim, APPID, SECRET);
    const other = await stableToken(sim, OTHER, OTHER_SECRET);
    sim.state.expireTokens(APPID);
    expect((await have(mine)).errcode).toBe(42001);
    expect((await have(other)).errcode).toBe(0);
    sim.state.revokeTokens(OTHER);
    expect((await have(other)).errcode).toBe(40001);
    expect((await have(mine)).errcode).toBe(42001);
  });

  it('revokeTokens → 40001, and the next stable_token issues a new token', async () => {
    const old = await stableToken(sim, APPID, SECRET);
    sim.state.revokeTokens();
    expect((await have(old)).errcode).toBe(40001);
    const fresh = await stableToken(sim, APPID, SECRET);
    expect(fresh).not.toBe(old);
    expect((await have(fresh)).errcode).toBe(0);
  });

  it('a token acts for its own appid only: a body appid of another account → 40013', async () => {
    const token = await stableToken(sim, APPID, SECRET);
    const answer = await post(sim, '/cgi-bin/open/get', { appid: OTHER }, token);
    expect(answer.errcode).toBe(40013);
    expect(answer.errmsg).toMatch(/^invalid appid rid: /);
    expect((await post(sim, '/cgi-bin/open/get', { appid: APPID }, token)).errcode).toBe(89002);
  });
});

describe('simulator: tokenTtlSeconds shortens token lifetimes for real', () => {
  it('short lifetimes really expire (42001), and stable tokens are still reused within them', async () => {
    const short = await startSimulator({ tokenTtlSeconds: 0.3 });
    try {
      short.state.accounts.addAccount({ appid: APPID, secret: SECRET, subject: 'Token Test Co.' });
      const token = await stableToken(short, APPID, SECRET);
      expect(await stableToken(short, APPID, SECRET)).toBe(token);
      await new Promise((r) => setTimeout(r, 350));
      expect((await get(short, '/cgi-bin/open/have', { access_token: token })).errcode).toBe(42001);
    } finally {
      await short.close();
    }
  });
});
