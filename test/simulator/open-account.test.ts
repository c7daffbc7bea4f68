/** The open-account rules over HTTP: each errcode is produced by the state the test builds. */
import { startSimulator, type Simulator } from '../../src/simulator';
import { RID, accountWithToken, get, post, send } from './http';

const SUBJECT = 'Rules Test Co., Ltd.';
const OTHER_SUBJECT = 'Someone Else Ltd.';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const create = (token: string, body: unknown = {}) => post(sim, '/cgi-bin/open/create', body, token);
const bind = (token: string, body: unknown) => post(sim, '/cgi-bin/open/bind', body, token);
const unbind = (token: string, body: unknown) => post(sim, '/cgi-bin/open/unbind', body, token);
const getOpen = (token: string, body: unknown = {}) => post(sim, '/cgi-bin/open/get', body, token);
const have = (token: string) => get(sim, '/cgi-bin/open/have', { access_token: token });

describe('simulator: create makes an open account and binds the account to it', () => {
  it('makes an API-created, unverified open account of the same subject and binds the account', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const before = sim.counters.applied('/cgi-bin/open/create');
    const answer = await create(token, { appid });
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', open_appid: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    const openAppid = answer.open_appid as string;
    expect(sim.state.accounts.openAppidOf(appid)).toBe(openAppid);
    expect(sim.state.accounts.openAccount(openAppid)).toMatchObject({ subject: SUBJECT, createdByApi: true, verified: false, quota: 100 });
    expect(sim.counters.applied('/cgi-bin/open/create')).toBe(before + 1);
    expect(await getOpen(token)).toEqual({ errcode: 0, errmsg: 'ok', open_appid: openAppid });
  });

  it('answers 89000 when the account is already bound', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const existing = sim.state.accounts.addOpenAccount({ subject: SUBJECT, members: [appid] });
    const answer = await create(token);
    expect(answer.errcode).toBe(89000);
    expect(answer.errmsg).toMatch(/^account has bound open rid: /);
    expect(sim.state.accounts.openAppidOf(appid)).toBe(existing);
  });
});

describe("simulator: bind follows WeChat's rules", () => {
  it('binds to an API-created open account of the same subject', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const open = sim.state.accounts.addOpenAccount({ subject: SUBJECT });
    expect(await bind(token, { appid, open_appid: open })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(sim.state.accounts.openAppidOf(appid)).toBe(open);
    expect(await have(token)).toEqual({ errcode: 0, errmsg: 'ok', have_open: true });
  });

  it('40013 for a missing, mistyped or unknown open_appid', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    expect((await bind(token, {})).errcode).toBe(40013);
    expect((await bind(token, { open_appid: 12 })).errcode).toBe(40013);
    expect((await bind(token, { open_appid: 'wxo000000000000000' })).errcode).toBe(40013);
  });

  it('89000 when already bound, 89001 across subjects, 89036 to an unverified console account, 89004 when full', async () => {
    const bound = await accountWithToken(sim, { subject: SUBJECT });
    sim.state.accounts.addOpenAccount({ subject: SUBJECT, members: [bound.appid] });
    const target = sim.state.accounts.addOpenAccount({ subject: SUBJECT });
    expect((await bind(bound.token, { open_appid: target })).errcode).toBe(89000);

    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    expect((await bind(token, { open_appid: sim.state.accounts.addOpenAccount({ subject: OTHER_SUBJECT }) })).errcode).toBe(89001);
    expect((await bind(token, { open_appid: sim.state.accounts.addOpenAccount({ subject: SUBJECT, createdByApi: false }) })).errcode).toBe(89036);
    const full = sim.state.accounts.addOpenAccount({ subject: SUBJECT, quota: 1, members: [(await accountWithToken(sim, { subject: SUBJECT })).appid] });
    expect((await bind(token, { open_appid: full })).errcode).toBe(89004);
    expect(sim.state.accounts.openAppidOf(appid)).toBeUndefined();

    const verifiedConsole = sim.state.accounts.addOpenAccount({ subject: SUBJECT, createdByApi: false, verified: true });
    expect((await bind(token, { open_appid: verifiedConsole })).errcode).toBe(0);
  });
});

describe("simulator: unbind follows WeChat's rules", () => {
  it('succeeds for a member of an API-created open account, then answers 89002 (state, not input)', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const open = sim.state.accounts.addOpenAccount({ subject: SUBJECT, members: [appid] });
    const before = sim.counters.applied('/cgi-bin/open/unbind');
    expect(await unbind(token, { appid, open_appid: open })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(sim.state.accounts.openAppidOf(appid)).toBeUndefined();
    const again = await unbind(token, { appid, open_appid: open });
    expect(again.errcode).toBe(89002);
    expect(again.errmsg).toMatch(/^open not exists rid: /);
    expect(sim.counters.applied('/cgi-bin/open/unbind')).toBe(before + 1);
    expect(await have(token)).toEqual({ errcode: 0, errmsg: 'ok', have_open: false });
    expect((await getOpen(token)).errcode).toBe(89002);
  });

  it('40013 for an unknown open_appid', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    expect((await unbind(token, { open_appid: 'wxo000000000000000' })).errcode).toBe(40013);
    expect((await unbind(token, {})).errcode).toBe(40013);
  });

  it('89001 when the open account has another subject', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    const foreign = sim.state.accounts.addOpenAccount({ subject: OTHER_SUBJECT });
    const answer = await unbind(token, { open_appid: foreign });
    expect(answer.errcode).toBe(89001);
    expect(answer.errmsg).toMatch(/^not same contractor/);
  });

  it('89003 when the open account was made in the console', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const consoleMade = sim.state.accounts.addOpenAccount({ subject: SUBJECT, createdByApi: false, verified: true, members: [appid] });
    expect((await unbind(token, { open_appid: consoleMade })).errcode).toBe(89003);
    expect(sim.state.accounts.openAppidOf(appid)).toBe(consoleMade);
  });

  it('89002 when the account is bound to another open account', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const mine = sim.state.accounts.addOpenAccount({ subject: SUBJECT, members: [appid] });
    const other = sim.state.accounts.addOpenAccount({ subject: SUBJECT });
    expect((await unbind(token, { open_appid: other })).errcode).toBe(89002);
    expect(sim.state.accounts.openAppidOf(appid)).toBe(mine);
  });

  it('89004 while the open account holds more members than its quota, 0 once the quota is fixed', async () => {
    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    const other = await accountWithToken(sim, { subject: SUBJECT });
    const open = sim.state.accounts.addOpenAccount({ subject: SUBJECT, quota: 1, members: [appid, other.appid] });
    const answer = await unbind(token, { open_appid: open });
    expect(answer.errcode).toBe(89004);
    expect(answer.errmsg).toMatch(RID);
    sim.state.accounts.updateOpenAccount(open, { quota: 100 });
    expect((await unbind(token, { open_appid: open })).errcode).toBe(0);
  });
});

describe('simulator: every call runs the shared checks first, in order', () => {
  it('token first, then permission (48001), then a body appid of another account (40013)', async () => {
    const locked = await accountWithToken(sim, { subject: SUBJECT, permissionGranted: false });
    expect((await post(sim, '/cgi-bin/open/get', { appid: 'wx0000000000000000' })).errcode).toBe(41001);
    const refused = await getOpen(locked.token, { appid: 'wx0000000000000000' });
    expect(refused.errcode).toBe(48001);
    expect(refused.errmsg).toMatch(/^api unauthorized rid: /);
    for (const path of ['/cgi-bin/open/create', '/cgi-bin/open/bind', '/cgi-bin/open/unbind', '/cgi-bin/open/get']) {
      expect((await post(sim, path, {}, locked.token)).errcode).toBe(48001);
    }
    // have is in permission sets 3/30, not 24/25: without 24/25 it still answers.
    expect((await have(locked.token)).errcode).toBe(0);
    const noBasic = await accountWithToken(sim, { subject: SUBJECT });
    sim.state.accounts.updateAccount(noBasic.appid, { basicPermissionGranted: false });
    expect((await have(noBasic.token)).errcode).toBe(48001);
    expect((await getOpen(noBasic.token)).errcode).toBe(89002);

    const { appid, token } = await accountWithToken(sim, { subject: SUBJECT });
    expect((await create(token, { appid: appid.toUpperCase() })).errcode).toBe(40013);
    expect((await create(token, { appid: 7 })).errcode).toBe(40013);
    expect(sim.state.accounts.openAppidOf(appid)).toBeUndefined();
  });

  it('47001 for a body that is not a JSON object, without crashing', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    for (const body of ['{"open_appid":', 'not json', '[1,2]', '"text"', 'null', '\u0000\u00ff']) {
      const answer = (await send(sim, 'POST', `/cgi-bin/open/bind?access_token=${token}`, body)).json();
      expect(answer.errcode).toBe(47001);
      expect(answer.errmsg).toMatch(/^data format error rid: /);
    }
    expect((await have(token)).errcode).toBe(0);
  });

  it('an empty POST body is 44002 empty post data, not {}', async () => {
    const { token } = await accountWithToken(sim, { subject: SUBJECT });
    const reply = await send(sim, 'POST', `/cgi-bin/open/get?access_token=${token}`);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ errcode: 44002, errmsg: expect.stringMatching(/^empty post data rid: /) });
  });
});

describe('simulator: an unknown path or method is answered, not dropped', () => {
  it('unknown paths answer 404 with a JSON body; a wrong method is HTTP 200 with 43001/43002, as WeChat answers', async () => {
    const missing = await send(sim, 'GET', '/cgi-bin/open/nothing');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ errcode: 404, errmsg: 'not found' });
    const postToGet = await send(sim, 'POST', '/cgi-bin/open/have', {});
    expect(postToGet.status).toBe(200);
    expect(postToGet.json()).toEqual({ errcode: 43001, errmsg: expect.stringMatching(/^require GET method rid: /) });
    const getToPost = await send(sim, 'GET', '/cgi-bin/open/unbind');
    expect(getToPost.status).toBe(200);
    expect(getToPost.json()).toEqual({ errcode: 43002, errmsg: expect.stringMatching(/^require POST method rid: /) });
  });
});
