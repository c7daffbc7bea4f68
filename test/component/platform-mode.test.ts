import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, deliver, envelope, signPush, signedPush, ticketXml, type Simulator } from '../../src/simulator';
import { OpenAccountDocument, UnbindOpenAccountDocument } from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';
import { addPlatform, callbackUrlOf, leakedSecrets, newPlatform, platformEnv, runImport, secretsOf, type TestPlatform } from '../support/platform';

const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

/** Third-party platform mode on the embedded store: the callback, the tokens, the routing. */
describe('platform mode (embedded store): the gateway acts for authorizers with pushed tickets and stored refresh tokens', () => {
  const harness = useHarness();
  let sim: Simulator;
  let gateway: TestGateway;
  let platform: TestPlatform;
  let stateFile: string;
  let callbackUrl: string;

  beforeEach(async () => {
    sim = await harness.simulator();
    platform = newPlatform();
    stateFile = join(mkdtempSync(join(tmpdir(), 'gw-platform-')), 'credentials.json');
    // acmeCoffeeMP calls for itself (own secret); everything else goes through the platform.
    gateway = await harness.gateway({
      wechat: sim,
      env: { ...platformEnv(platform), STATE_FILE: stateFile, WECHAT_APPS: JSON.stringify({ [acmeCoffeeMP.appid]: acmeCoffeeMP.secret }) },
    });
    callbackUrl = callbackUrlOf(gateway.url);
    addPlatform(sim, platform, callbackUrl);
  });

  const state = () => JSON.parse(readFileSync(stateFile, 'utf8')) as { components: Record<string, { ticket?: { value: string }; authorizers: Record<string, { refreshToken: string }> }> };
  const openAccount = async (appid: string) => (await gateway.executeOk(OpenAccountDocument, { appid })).openAccount;

  it('a pushed ticket is stored and answered "success"; an authorised appid is called with an authorizer token', async () => {
    const pushed = await sim.pushes.pushTicket();
    expect(pushed).toMatchObject({ status: 200, text: 'success' });
    expect(state().components[platform.componentAppid]?.ticket?.value).toBe(pushed.ticket);

    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    expect(sim.state.components.isAuthorized(platform.componentAppid, acmeCoffeeOA.appid)).toBe(true);
    expect(state().components[platform.componentAppid]?.authorizers[acmeCoffeeOA.appid]?.refreshToken).toEqual(expect.any(String));

    expect(await openAccount(acmeCoffeeOA.appid)).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    const unbind = await gateway.executeOk(UnbindOpenAccountDocument, { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    expect(unbind.unbindOpenAccount.__typename).toBe('UnbindOpenAccountSuccess');
    expect(sim.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBeUndefined();
    // One component token (for api_query_auth); the authorizer token came with the authorisation.
    expect(sim.counters.componentTokenFetches(platform.componentAppid)).toBe(1);
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(0);
    expect(sim.counters.calls('/cgi-bin/component/api_query_auth')).toBe(1);
  });

  it('an appid in WECHAT_APPS uses its own secret, not the platform', async () => {
    expect((await openAccount(acmeCoffeeMP.appid)).__typename).toBe('OpenAccount');
    expect(sim.counters.calls('/cgi-bin/stable_token')).toBe(1);
    expect(sim.counters.componentTokenFetches()).toBe(0);
  });

  it('an appid with neither: NoCredentialsError that says both were tried', async () => {
    await sim.pushes.pushTicket();
    const result = await openAccount(acmeCoffeeOA.appid);
    expect(result).toMatchObject({ __typename: 'NoCredentialsError', appid: acmeCoffeeOA.appid, retryable: false });
    if (result.__typename !== 'NoCredentialsError') throw new Error('unreachable');
    expect(result.message).toContain('not in WECHAT_APPS');
    expect(result.message).toContain(`third-party platform ${platform.componentAppid} (the account has not authorised it`);
    expect(sim.counters.calls()).toBe(0); // nothing sent to WeChat, not even a token request
  });

  it('refresh tokens imported with the command (`credentials:import`) are used; before the first ticket push the answer says the ticket is missing', async () => {
    const refreshToken = sim.state.components.grantAuthorization(acmeCoffeeOA.appid); // a platform that already holds it
    const input = join(mkdtempSync(join(tmpdir(), 'gw-import-')), 'tokens.json');
    writeFileSync(input, JSON.stringify({ list: [{ authorizer_appid: acmeCoffeeOA.appid, refresh_token: refreshToken, auth_time: 1 }] }));
    const imported = runImport([input], { ...platformEnv(platform), STATE_FILE: stateFile });
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(`imported 1 refresh token(s) for platform ${platform.componentAppid}`);
    expect(`${imported.stdout}${imported.stderr}`).not.toContain(refreshToken);

    const early = await openAccount(acmeCoffeeOA.appid);
    expect(early).toMatchObject({ __typename: 'NoCredentialsError', retryable: true });
    if (early.__typename !== 'NoCredentialsError') throw new Error('unreachable');
    expect(early.message).toContain('component_verify_ticket');
    expect(sim.counters.calls()).toBe(0);

    await sim.pushes.pushTicket();
    expect((await openAccount(acmeCoffeeOA.appid)).__typename).toBe('OpenAccount');
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1);
  });

  it('the import command refuses bad input, naming the entry and never echoing a token', () => {
    const input = join(mkdtempSync(join(tmpdir(), 'gw-import-')), 'tokens.json');
    writeFileSync(input, JSON.stringify({ 'not an appid!': 'secret-refresh-token-1', wx1234567890abcdef: '' }));
    const result = runImport([input], { ...platformEnv(platform), STATE_FILE: stateFile });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('"not an appid!": not an appid');
    expect(result.stderr).toContain('"wx1234567890abcdef": no refresh token');
    expect(result.stderr).not.toContain('secret-refresh-token-1');
    expect(existsSync(stateFile)).toBe(false);
    expect(runImport([input], { STATE_FILE: stateFile }).stderr).toContain('WECHAT_COMPONENT_APPID');
  });

  it('an unauthorized event forgets the authorizer: the next call is NoCredentialsError', async () => {
    await sim.pushes.pushTicket();
    await sim.pushes.authorize(acmeCoffeeOA.appid);
    expect((await openAccount(acmeCoffeeOA.appid)).__typename).toBe('OpenAccount');
    expect(await sim.pushes.unauthorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    expect(state().components[platform.componentAppid]?.authorizers[acmeCoffeeOA.appid]).toBeUndefined();
    expect(await openAccount(acmeCoffeeOA.appid)).toMatchObject({ __typename: 'NoCredentialsError' });
  });

  it('tokens expired at WeChat: the authorizer and component tokens are refreshed once each, the call retried once', async () => {
    await sim.pushes.pushTicket();
    await sim.pushes.authorize(acmeCoffeeOA.appid);
    await openAccount(acmeCoffeeOA.appid);
    sim.state.expireTokens();
    sim.counters.reset();
    const results = await Promise.all(Array.from({ length: 20 }, () => openAccount(acmeCoffeeOA.appid)));
    expect(results.every((r) => r.__typename === 'OpenAccount')).toBe(true);
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1);
    expect(sim.counters.componentTokenFetches(platform.componentAppid)).toBe(1);
  });

  describe('the callback refuses what WeChat did not send, and stores nothing', () => {
    const post = (url: string, body: string) => request(url, { method: 'POST', body }).then(async (r) => ({ status: r.statusCode, text: await r.body.text() }));
    const withQuery = (query: Record<string, string>) => {
      const url = new URL(callbackUrl);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return url.toString();
    };
    const ticketPush = () => signedPush(platform, ticketXml(platform.componentAppid, 'ticket@@@forged', Math.floor(Date.now() / 1000)));

    it('a bad signature: 401', async () => {
      const push = ticketPush();
      expect(await post(withQuery({ ...push.query, msg_signature: '0'.repeat(40) }), push.body)).toMatchObject({ status: 401 });
      expect(await post(withQuery({ ...push.query, msg_signature: '' }), push.body)).toMatchObject({ status: 401 });
      expect(existsSync(stateFile)).toBe(false);
    });

    it('a message signed with another token: 401', async () => {
      const push = signedPush({ ...platform, token: 'someoneelse' }, ticketXml(platform.componentAppid, 'ticket@@@forged', 1));
      expect((await deliver(callbackUrl, push)).status).toBe(401);
      expect(existsSync(stateFile)).toBe(false);
    });

    it('a tampered message (ciphertext changed, signature kept): 401', async () => {
      const push = ticketPush();
      const i = Math.floor(push.encrypted.length / 2);
      const tampered = `${push.encrypted.slice(0, i)}${push.encrypted[i] === 'A' ? 'B' : 'A'}${push.encrypted.slice(i + 1)}`;
      expect((await deliver(callbackUrl, { query: push.query, body: envelope(platform.componentAppid, tampered) })).status).toBe(401);
      expect(existsSync(stateFile)).toBe(false);
    });

    it('correctly signed but undecryptable (another key, or for another platform): 400', async () => {
      const otherKey = signedPush({ ...platform, aesKey: newPlatform().aesKey }, ticketXml(platform.componentAppid, 'ticket@@@forged', 1));
      expect((await deliver(callbackUrl, otherKey)).status).toBe(400);
      const otherPlatform = signedPush({ ...platform, componentAppid: 'wx0000000000000001' }, ticketXml('wx0000000000000001', 'ticket@@@forged', 1));
      expect((await deliver(callbackUrl, otherPlatform)).status).toBe(400);
      const garbage = 'bm90IGEgY2lwaGVydGV4dA==';
      const query = { ...otherKey.query, msg_signature: signPush(platform.token, otherKey.query.timestamp, otherKey.query.nonce, garbage) };
      expect((await deliver(callbackUrl, { query, body: envelope(platform.componentAppid, garbage) })).status).toBe(400);
      expect(existsSync(stateFile)).toBe(false);
    });

    it('not XML, a DOCTYPE, GET, or a body over the limit: refused', async () => {
      expect((await post(withQuery(ticketPush().query), '{"json": true}')).status).toBe(400);
      const push = ticketPush();
      expect((await post(withQuery(push.query), `<!DOCTYPE xml [<!ENTITY e "x">]>${push.body}`)).status).toBe(400);
      expect((await request(callbackUrl, { method: 'GET' })).statusCode).toBe(405);
      expect((await post(withQuery(push.query), `<xml>${'x'.repeat(70 * 1024)}</xml>`)).status).toBe(413);
      expect(existsSync(stateFile)).toBe(false);
    });

    it('a replayed older ticket push does not replace the newer ticket', async () => {
      const newer = await sim.pushes.pushTicket();
      const old = signedPush(platform, ticketXml(platform.componentAppid, 'ticket@@@older', 1_000));
      expect(await deliver(callbackUrl, old)).toEqual({ status: 200, text: 'success' });
      expect(state().components[platform.componentAppid]?.ticket?.value).toBe(newer.ticket);
    });
  });

  it('no secret (secret, key, message token, ticket, code, refresh token, tokens) in any log line or response', async () => {
    const responses: string[] = [];
    await sim.pushes.pushTicket();
    await sim.pushes.authorize(acmeCoffeeOA.appid);
    responses.push(JSON.stringify(await openAccount(acmeCoffeeOA.appid)));
    sim.state.expireTokens();
    responses.push(JSON.stringify(await openAccount(acmeCoffeeOA.appid)));
    await sim.pushes.unauthorize(acmeCoffeeOA.appid);
    responses.push(JSON.stringify(await openAccount(acmeCoffeeOA.appid)));
    const forged = signedPush({ ...platform, token: 'someoneelse' }, ticketXml(platform.componentAppid, 'ticket@@@forged', 1));
    responses.push((await deliver(callbackUrl, forged)).text);
    const secrets = secretsOf(platform, sim);
    expect(secrets.length).toBeGreaterThan(6);
    expect(gateway.logs.length).toBeGreaterThan(5);
    expect(leakedSecrets([...gateway.logs, ...responses], secrets)).toEqual([]);
  });
});
