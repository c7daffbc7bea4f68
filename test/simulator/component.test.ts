import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptMessage, signatureMatches } from '../../src/wechat/component/crypto';
import { startSimulator, type Simulator } from '../../src/simulator';
import { get, post } from './http';

const COMPONENT = { componentAppid: 'wxc0c0c0c0c0c0c0c0', secret: 'component-secret', token: 'msgtoken', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const APPID = 'wxa1a1a1a1a1a1a1a1';

/** A callback that records what WeChat pushed, decrypted and verified as the gateway would. */
async function recordingCallback(): Promise<{ url: string; events: string[]; server: Server }> {
  const events: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const q = new URL(req.url!, 'http://x').searchParams;
      const encrypted = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(body)![1]!;
      if (!signatureMatches(q.get('msg_signature')!, COMPONENT.token, q.get('timestamp')!, q.get('nonce')!, encrypted)) throw new Error('bad signature');
      const decrypted = decryptMessage(COMPONENT.aesKey, encrypted, COMPONENT.componentAppid);
      if (!decrypted.ok) throw new Error(decrypted.reason);
      events.push(decrypted.xml);
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, events, server };
}

describe('simulator: third-party platform calls and pushes', () => {
  let sim: Simulator;
  let clock = Date.now();
  let callback: Awaited<ReturnType<typeof recordingCallback>>;

  beforeEach(async () => {
    clock = Date.now();
    sim = await startSimulator({ now: () => clock });
    callback = await recordingCallback();
    sim.state.components.addComponent({ ...COMPONENT, callbackUrl: callback.url });
    sim.state.accounts.addAccount({ appid: APPID, secret: 's', subject: 'Acme' });
  });
  afterEach(async () => {
    await sim.close();
    callback.server.close();
  });

  const componentToken = (ticket: string) => post(sim, '/cgi-bin/component/api_component_token', { component_appid: COMPONENT.componentAppid, component_appsecret: COMPONENT.secret, component_verify_ticket: ticket });

  it('pushes encrypted, signed tickets; only the latest unexpired ticket gets a component token', async () => {
    const first = await sim.pushes.pushTicket();
    expect(first).toMatchObject({ status: 200, text: 'success' });
    expect(callback.events[0]).toContain(`<ComponentVerifyTicket><![CDATA[${first.ticket}]]>`);
    const second = await sim.pushes.pushTicket();
    expect((await componentToken(first.ticket)).errcode).toBe(61006);
    expect(await componentToken(second.ticket)).toEqual({ component_access_token: expect.any(String), expires_in: 7200 });
    clock += 12 * 3_600_000;
    expect((await componentToken(second.ticket)).errcode).toBe(61005);
    expect(sim.counters.componentTokenFetches()).toBe(1);
  });

  it('authorizer tokens: need the current refresh token (else 61023) and act for the authorizer appid', async () => {
    const { ticket } = await sim.pushes.pushTicket();
    const c = (await componentToken(ticket)).component_access_token as string;
    const refresh = sim.state.components.grantAuthorization(APPID);
    const call = (token: string) => post(sim, `/cgi-bin/component/api_authorizer_token?component_access_token=${c}`, { component_appid: COMPONENT.componentAppid, authorizer_appid: APPID, authorizer_refresh_token: token });
    expect((await call('stale')).errcode).toBe(61023);
    const answer = await call(refresh);
    expect(answer).toEqual({ authorizer_access_token: expect.any(String), expires_in: 7200, authorizer_refresh_token: refresh });
    expect((await get(sim, '/cgi-bin/open/have', { access_token: answer.authorizer_access_token as string })).errcode).toBe(0);
    expect(sim.counters.authorizerTokenFetches(APPID)).toBe(1);
    sim.state.expireTokens(COMPONENT.componentAppid);
    expect((await call(refresh)).errcode).toBe(42001);
  });

  it('authorize sends an authorized event whose code api_query_auth exchanges once; unauthorize revokes', async () => {
    const { ticket } = await sim.pushes.pushTicket();
    const c = (await componentToken(ticket)).component_access_token as string;
    expect(await sim.pushes.authorize(APPID)).toEqual({ status: 200, text: 'success' });
    const code = /<AuthorizationCode><!\[CDATA\[(.*?)\]\]>/.exec(callback.events[1]!)![1]!;
    const exchange = () => post(sim, `/cgi-bin/component/api_query_auth?component_access_token=${c}`, { component_appid: COMPONENT.componentAppid, authorization_code: code });
    const answer = await exchange();
    expect(answer.authorization_info).toMatchObject({ authorizer_appid: APPID, authorizer_access_token: expect.any(String), authorizer_refresh_token: expect.any(String) });
    // A used code: 61010 code is expired (40029 is a code never issued).
    expect(await exchange()).toEqual({ errcode: 61010, errmsg: expect.stringMatching(/^code is expired rid: /) });
    expect((await post(sim, `/cgi-bin/component/api_query_auth?component_access_token=${c}`, { component_appid: COMPONENT.componentAppid, authorization_code: 'queryauthcode@@@never-issued' })).errcode).toBe(40029);
    const token = (answer.authorization_info as { authorizer_access_token: string }).authorizer_access_token;
    expect(await sim.pushes.unauthorize(APPID)).toEqual({ status: 200, text: 'success' });
    expect(callback.events[2]).toContain('<InfoType><![CDATA[unauthorized]]>');
    expect((await get(sim, '/cgi-bin/open/have', { access_token: token })).errcode).toBe(40001);
  });

  it('api_component_token for an appid that is not a platform: 61011 invalid component', async () => {
    const answer = await post(sim, '/cgi-bin/component/api_component_token', { component_appid: APPID, component_appsecret: 's', component_verify_ticket: 't' });
    expect(answer).toEqual({ errcode: 61011, errmsg: expect.stringMatching(/^invalid component rid: /) });
  });

  it('api_authorizer_token for an account that never authorised, or revoked: 61003; a wrong refresh token: 61023', async () => {
    const { ticket } = await sim.pushes.pushTicket();
    const c = (await componentToken(ticket)).component_access_token as string;
    const call = (refreshToken: string) => post(sim, `/cgi-bin/component/api_authorizer_token?component_access_token=${c}`, { component_appid: COMPONENT.componentAppid, authorizer_appid: APPID, authorizer_refresh_token: refreshToken });
    expect(await call('refreshtoken@@@never')).toEqual({ errcode: 61003, errmsg: expect.stringMatching(/^component is not authorized by this account rid: /) });
    const refresh = sim.state.components.grantAuthorization(APPID);
    expect((await call('refreshtoken@@@wrong')).errcode).toBe(61023);
    expect((await call(refresh)).errcode).toBeUndefined();
    await sim.pushes.unauthorize(APPID);
    expect((await call(refresh)).errcode).toBe(61003);
  });

  it('the component token is read from ?component_access_token= (the SDKs) and ?access_token= (newer pages)', async () => {
    const { ticket } = await sim.pushes.pushTicket();
    const c = (await componentToken(ticket)).component_access_token as string;
    const refresh = sim.state.components.grantAuthorization(APPID);
    const body = { component_appid: COMPONENT.componentAppid, authorizer_appid: APPID, authorizer_refresh_token: refresh };
    expect(await post(sim, `/cgi-bin/component/api_authorizer_token?access_token=${c}`, body)).toMatchObject({ authorizer_access_token: expect.any(String) });
    expect(await post(sim, `/cgi-bin/component/api_authorizer_token?component_access_token=${c}`, body)).toMatchObject({ authorizer_access_token: expect.any(String) });
  });

  it("a component token used on an account's API (/cgi-bin/open/*) gets 48001, not a token error", async () => {
    const { ticket } = await sim.pushes.pushTicket();
    const c = (await componentToken(ticket)).component_access_token as string;
    expect(await post(sim, '/cgi-bin/open/get', { appid: APPID }, c)).toEqual({ errcode: 48001, errmsg: expect.stringMatching(/^api unauthorized rid: /) });
    expect((await get(sim, '/cgi-bin/open/have', { access_token: c })).errcode).toBe(48001);
  });

  it('api_start_push_ticket answers ok and then pushes a fresh ticket to the callback; an unknown platform gets 61011', async () => {
    const start = (body: object) => post(sim, '/cgi-bin/component/api_start_push_ticket', body);
    expect(await start({ component_appid: COMPONENT.componentAppid, component_secret: COMPONENT.secret })).toEqual({ errcode: 0, errmsg: 'ok' });
    for (let i = 0; i < 100 && callback.events.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(callback.events).toHaveLength(1);
    const pushed = /<ComponentVerifyTicket><!\[CDATA\[(.*?)\]\]>/.exec(callback.events[0]!)![1]!;
    expect(await componentToken(pushed)).toEqual({ component_access_token: expect.any(String), expires_in: 7200 });
    expect((await start({ component_appid: APPID, component_secret: 'x' })).errcode).toBe(61011);
    expect((await start({ component_appid: COMPONENT.componentAppid, component_secret: 'wrong' })).errcode).toBe(40125);
    await new Promise((r) => setTimeout(r, 50));
    expect(callback.events).toHaveLength(1); // refused asks push nothing
  });

  it('startTicketPush pushes at once and on its interval', async () => {
    await sim.pushes.startTicketPush({ callbackUrl: callback.url, componentAppid: COMPONENT.componentAppid, intervalMs: 20 });
    for (let i = 0; i < 200 && callback.events.length < 3; i += 1) await new Promise((r) => setTimeout(r, 10));
    sim.pushes.stopTicketPush();
    expect(callback.events.length).toBeGreaterThanOrEqual(3);
  });
});
