import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { RedisStore } from '../../src/stores/redis-store';
import { TicketKeeper } from '../../src/wechat/tokens/ticket-keeper';
import { WeChatTransport } from '../../src/wechat/transport/wechat-transport';

const REDIS_URL = process.env['TEST_REDIS_URL']!;
const START = '/cgi-bin/component/api_start_push_ticket';
const COMPONENT = { appid: 'wxc0ffee0000000001', secret: 'component-secret-not-for-logs' };
const HOUR = 3_600_000;

/** A fake WeChat that counts api_start_push_ticket and answers as `answer` says. */
async function fakeWeChat(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; server: Server; asks: () => number; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      if (req.url === START) bodies.push(body);
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, asks: () => bodies.length, bodies };
}

function transportFor(url: string) {
  return new WeChatTransport({ baseUrls: [url], connectTimeoutMs: 500, responseTimeoutMs: 2_000, connections: 4, maxInFlight: 16, maxQueue: 16, breakerThreshold: 100, breakerHalfOpenMs: 10_000, logger: pino({ level: 'silent' }) });
}

describe('TicketKeeper: the platform asks WeChat to restart its ticket push', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  async function replicas(n: number, url: string, options: { maxAgeMs?: number; retryDelayMs?: number } = {}) {
    const prefix = `test:${randomUUID()}:`;
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const keepers: TicketKeeper[] = [];
    const stores: RedisStore[] = [];
    for (let i = 0; i < n; i++) {
      const store = new RedisStore(REDIS_URL, prefix, pino({ level: 'silent' }));
      await store.connect();
      const transport = transportFor(url);
      cleanup.push(() => store.close(), () => transport.close());
      stores.push(store);
      keepers.push(new TicketKeeper(transport, COMPONENT, store, logger, { maxAgeMs: options.maxAgeMs ?? HOUR, retryDelayMs: options.retryDelayMs ?? 10 }));
    }
    return { keepers, stores, lines };
  }

  const ok = (_: IncomingMessage, res: ServerResponse) => res.end('{"errcode":0,"errmsg":"ok"}');

  it('no ticket stored: three replicas checking at once ask WeChat once, with the platform credentials, and log it', async () => {
    const wechat = await fakeWeChat(ok);
    cleanup.push(() => new Promise((r) => wechat.server.close(r)));
    const { keepers, lines } = await replicas(3, wechat.url);
    const results = await Promise.all(keepers.map((k) => k.check()));
    expect(results.filter((r) => r === 'asked')).toHaveLength(1);
    expect(results.filter((r) => r === 'asked-lately')).toHaveLength(2);
    expect(wechat.asks()).toBe(1);
    expect(JSON.parse(wechat.bodies[0]!)).toEqual({ component_appid: COMPONENT.appid, component_secret: COMPONENT.secret });
    // Checked again within the 10 minutes WeChat needs to push: nobody asks again.
    expect(await Promise.all(keepers.map((k) => k.check()))).toEqual(['asked-lately', 'asked-lately', 'asked-lately']);
    expect(wechat.asks()).toBe(1);
    const asked = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l['msg']).startsWith('asked WeChat to restart'));
    expect(asked).toEqual([expect.objectContaining({ component: COMPONENT.appid, reason: 'no verify ticket stored' })]);
    expect(lines.join('\n')).not.toContain(COMPONENT.secret);
  });

  it('a fresh ticket: nothing asked; one older than the maximum age: asked', async () => {
    const wechat = await fakeWeChat(ok);
    cleanup.push(() => new Promise((r) => wechat.server.close(r)));
    const { keepers, stores } = await replicas(1, wechat.url, { maxAgeMs: HOUR });
    const [keeper, store] = [keepers[0]!, stores[0]!];
    await store.putTicket(COMPONENT.appid, { value: 'ticket@@@fresh', createTime: Math.floor((Date.now() - 10 * 60_000) / 1000) });
    expect(await keeper.check()).toBe('fresh');
    expect(wechat.asks()).toBe(0);
    expect(Math.round((await keeper.ticketAgeSeconds())!)).toBeGreaterThanOrEqual(600);
    // A stored ticket older than the maximum age (another platform's store, as putTicket keeps the newest).
    const { keepers: [stale], stores: [staleStore] } = await replicas(1, wechat.url, { maxAgeMs: HOUR });
    await staleStore!.putTicket(COMPONENT.appid, { value: 'ticket@@@old', createTime: Math.floor((Date.now() - 2 * HOUR) / 1000) });
    expect(await stale!.check()).toBe('asked');
    expect(wechat.asks()).toBe(1);
  });

  it('no answer from WeChat: the ask is retried a bounded number of times, then logged as failed', async () => {
    const wechat = await fakeWeChat((_, res) => res.socket?.destroy());
    cleanup.push(() => new Promise((r) => { wechat.server.closeAllConnections(); wechat.server.close(r); }));
    const { keepers, lines } = await replicas(1, wechat.url);
    expect(await keepers[0]!.check()).toBe('failed');
    expect(wechat.asks()).toBe(3); // the first attempt and 2 retries
    expect(lines.some((l) => l.includes('could not ask WeChat to restart the verify ticket push'))).toBe(true);
  });

  it('WeChat refuses (61011 invalid component): asked once, not retried, logged with the errcode', async () => {
    const wechat = await fakeWeChat((_, res) => res.end('{"errcode":61011,"errmsg":"invalid component rid: 674d0a1b-00000000-00000001"}'));
    cleanup.push(() => new Promise((r) => wechat.server.close(r)));
    const { keepers, lines } = await replicas(1, wechat.url);
    expect(await keepers[0]!.check()).toBe('failed');
    expect(wechat.asks()).toBe(1);
    expect(lines.find((l) => l.includes('could not ask'))).toContain('"errcode":61011');
  });

  it('stopping ends an ask in flight: it is not retried, and the check says it failed', async () => {
    const wechat = await fakeWeChat(() => undefined); // never answers
    cleanup.push(() => new Promise((r) => { wechat.server.closeAllConnections(); wechat.server.close(r); }));
    const { keepers } = await replicas(1, wechat.url, { retryDelayMs: 10 });
    const checking = keepers[0]!.check();
    for (let i = 0; i < 100 && wechat.asks() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await keepers[0]!.stop();
    expect(await checking).toBe('failed');
    expect(wechat.asks()).toBe(1);
  });

  it('maximum age 0: never asks', async () => {
    const wechat = await fakeWeChat(ok);
    cleanup.push(() => new Promise((r) => wechat.server.close(r)));
    const { keepers } = await replicas(1, wechat.url, { maxAgeMs: 0 });
    expect(await keepers[0]!.check()).toBe('off');
    expect(wechat.asks()).toBe(0);
  });
});
