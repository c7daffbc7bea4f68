import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import pino from 'pino';
import { MemoryStore } from '../../src/stores';
import { deliver, envelope, signedPush, startSimulator, ticketXml, type Simulator } from '../../src/simulator';
import type { AuthorizerTokenProvider } from '../../src/wechat/tokens/authorizer-token';
import { ComponentCallback } from '../../src/wechat/component/callback';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { addPlatform, callbackUrlOf, newPlatform, platformEnv, type TestPlatform } from '../support/platform';

const now = () => String(Math.floor(Date.now() / 1000));

/** Issue 13, finding 3: the XML body was parsed before the signature was checked. */
describe('the platform callback parses nothing before the signature holds', () => {
  const platform = newPlatform();
  const credentials = { appid: platform.componentAppid, secret: platform.secret, token: platform.token, aesKey: platform.aesKey };
  // No authorizer event reaches it: every case here is a ticket push or refused.
  const callback = new ComponentCallback(credentials, new MemoryStore(), {} as AuthorizerTokenProvider, pino({ level: 'silent' }));
  let parses: jest.SpyInstance;
  beforeEach(() => {
    parses = jest.spyOn(XMLParser.prototype, 'parse');
  });
  afterEach(() => parses.mockRestore());

  const handle = (query: Record<string, string>, body: string) => callback.handle(new URLSearchParams(query), body);
  const push = () => signedPush(platform, ticketXml(platform.componentAppid, 'ticket@@@x', Math.floor(Date.now() / 1000)));

  it.each([
    ['a bad signature', () => ({ ...push().query, msg_signature: 'f'.repeat(40) }), () => push().body, 401],
    ['no signature', () => ({ ...push().query, msg_signature: '' }), () => push().body, 401],
    ['a timestamp from 2001', () => ({ ...push().query, timestamp: '1000000000' }), () => push().body, 401],
    ['no Encrypt element', () => push().query, () => '<xml><AppId>x</AppId></xml>', 400],
    ['two Encrypt elements', () => push().query, () => { const p = push(); return p.body.replace('</xml>', `<Encrypt>${p.encrypted}</Encrypt></xml>`); }, 400],
    ['a DOCTYPE', () => push().query, () => `<!DOCTYPE xml [<!ENTITY e "x">]>${push().body}`, 400],
    ['60 KB of nested elements and a bad signature', () => ({ ...push().query, msg_signature: 'f'.repeat(40) }), () => `<xml>${'<a>'.repeat(10_000)}<Encrypt>QUFBQQ==</Encrypt>${'</a>'.repeat(10_000)}</xml>`, 401],
  ])('%s: refused without any XML parsing', async (_, query, body, status) => {
    expect((await handle(query(), body())).status).toBe(status);
    expect(parses).not.toHaveBeenCalled();
  });

  it('a good push: only the decrypted payload is parsed, once', async () => {
    const p = push();
    expect(await handle(p.query, p.body)).toEqual({ status: 200, text: 'success' });
    expect(parses).toHaveBeenCalledTimes(1);
    expect(parses.mock.calls[0]?.[0]).toContain('<InfoType>');
  });
});

describe('the platform callback has its own rate limit per sending address', () => {
  let sim: Simulator;
  let gateway: TestGateway;
  let platform: TestPlatform;
  let callbackUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    platform = newPlatform();
    gateway = await startTestGateway({ simulator: sim, env: { ...platformEnv(platform), WECHAT_APPS: '{}', RATE_LIMIT_CALLBACK_PER_MINUTE: '3', TRUSTED_PROXY_COUNT: '1' } });
    callbackUrl = callbackUrlOf(gateway.url);
    addPlatform(sim, platform, callbackUrl);
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  const forged = (forwardedFor: string) =>
    request(callbackUrl, { method: 'POST', body: `<xml>${'x'.repeat(60 * 1024)}</xml>`, headers: { 'x-forwarded-for': forwardedFor } }).then(async (r) => ({ status: r.statusCode, retryAfter: r.headers['retry-after'], text: await r.body.text() }));

  it('past the limit an address gets 429 with Retry-After before its body is read; WeChat, at another address, is still served', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await forged('203.0.113.7'));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(Number(answers[3]!.retryAfter)).toBeGreaterThanOrEqual(1);
    // Its first entries are the sender's to write: only the one the trusted proxy added counts.
    expect((await forged('198.51.100.1, 203.0.113.7')).status).toBe(429);
    const wechat = signedPush(platform, ticketXml(platform.componentAppid, 'ticket@@@real', Math.floor(Date.now() / 1000)), now());
    const url = new URL(callbackUrl);
    for (const [name, value] of Object.entries(wechat.query)) url.searchParams.set(name, value);
    const served = await request(url, { method: 'POST', body: envelope(platform.componentAppid, wechat.encrypted), headers: { 'x-forwarded-for': '101.226.103.1' } });
    expect(served.statusCode).toBe(200);
    expect(await served.body.text()).toBe('success');
  });

  it('without a trusted proxy, X-Forwarded-For is ignored (every forged entry is the same sender)', async () => {
    const untrusted = await startTestGateway({ simulator: sim, env: { ...platformEnv(platform), WECHAT_APPS: '{}', RATE_LIMIT_CALLBACK_PER_MINUTE: '2' } });
    try {
      const url = callbackUrlOf(untrusted.url);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await request(url, { method: 'POST', body: '<xml/>', headers: { 'x-forwarded-for': `192.0.2.${i}` } });
        await response.body.text();
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 429, 429]);
      expect((await deliver(url, signedPush(platform, ticketXml(platform.componentAppid, 'ticket@@@y', 1)))).status).toBe(429);
    } finally {
      await untrusted.stop();
    }
  });
});
