import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { startSimulator } from '../../src/simulator';
import { Deadline } from '../../src/wechat/transport/deadline';
import { WeChatTransport } from '../../src/wechat/transport/wechat-transport';

/** A bare HTTP server whose handler each test sets, to see exactly what the transport sends. */
function rawServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

const closeServer = (server: Server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });

function transportFor(url: string, overrides: { responseTimeoutMs?: number; maxInFlight?: number } = {}) {
  return new WeChatTransport({
    baseUrls: [url],
    connectTimeoutMs: 500,
    responseTimeoutMs: overrides.responseTimeoutMs ?? 2_000,
    connections: 4,
    maxInFlight: overrides.maxInFlight ?? 16,
    maxQueue: 16,
    breakerThreshold: 5,
    breakerHalfOpenMs: 10_000,
    logger: pino({ level: 'silent' }),
  });
}

describe('WeChatTransport: the operation deadline', () => {
  it('ends a call on the wire at the deadline as "maybe sent", and one queued for a slot as "not sent", which never goes out', async () => {
    const received: string[] = [];
    const { url, server } = await rawServer((req) => received.push(req.url!)); // never answers
    // WeChat's own response timeout is far off: only the deadline can end these calls within the test.
    const transport = transportFor(url, { maxInFlight: 1, responseTimeoutMs: 60_000 });
    const deadline = new Deadline(300);
    const onWire = transport.send({ method: 'GET', path: '/held', deadline });
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = transport.send({ method: 'GET', path: '/queued', deadline });
    expect(await queued).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'timeout', sent: 'no' } });
    expect(await onWire).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'timeout', sent: 'maybe' } });
    // The slot is free again: a call without that deadline goes out, the queued one never did.
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      received.push(req.url!);
      res.end('{"errcode":0}');
    });
    expect(await transport.send({ method: 'GET', path: '/after' })).toMatchObject({ ok: true });
    expect(received).toEqual(['/held', '/after']);
    deadline.end();
    await transport.close();
    await closeServer(server);
  });

  it('sends nothing for a call made after its deadline passed', async () => {
    const received: string[] = [];
    const { url, server } = await rawServer((req, res) => {
      received.push(req.url!);
      res.end('{"errcode":0}');
    });
    const transport = transportFor(url);
    const deadline = new Deadline(0);
    expect(await transport.send({ method: 'GET', path: '/late', deadline })).toMatchObject({ ok: false, failure: { reason: 'timeout', sent: 'no' } });
    expect(received).toEqual([]);
    await transport.close();
    await closeServer(server);
  });
});

describe('WeChatTransport: what goes over the wire, and what each answer means', () => {
  it('encodes the access token in the query and sends the body as JSON, under the base path', async () => {
    let seen: { url?: string; type?: string; body?: string } = {};
    const { url, server } = await rawServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        seen = { url: req.url, type: req.headers['content-type'], body };
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    const transport = transportFor(`${url}/prefix/`);
    const token = 'a&b=c d/+?#%';
    const result = await transport.send({ method: 'POST', path: '/cgi-bin/open/unbind', query: { access_token: token }, body: { appid: 'wx1', open_appid: 'wxo1' } });
    expect(result.ok).toBe(true);
    const sent = new URL(seen.url!, url);
    expect(sent.pathname).toBe('/prefix/cgi-bin/open/unbind');
    expect(sent.searchParams.get('access_token')).toBe(token);
    expect([...sent.searchParams.keys()]).toEqual(['access_token']);
    expect(seen.type).toBe('application/json');
    expect(JSON.parse(seen.body!)).toEqual({ appid: 'wx1', open_appid: 'wxo1' });
    await transport.close();
    await closeServer(server);
  });

  it('decodes an errcode into a value, with the rid', async () => {
    const { url, server } = await rawServer((_, res) => res.end('{"errcode":89003,"errmsg":"open is not created by api rid: 1a2b-3c"}'));
    const transport = transportFor(url);
    expect(await transport.send({ method: 'GET', path: '/x' })).toEqual({
      ok: false,
      failure: { kind: 'errcode', errcode: 89003, errmsg: 'open is not created by api rid: 1a2b-3c', rid: '1a2b-3c', stage: 'call', path: '/x' },
    });
    await transport.close();
    await closeServer(server);
  });

  it.each([
    ['a JSON array', '[1]'],
    ['a string errcode', '{"errcode":"0"}'],
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['nothing', ''],
  ])('refuses %s as a bad response, never as success', async (_, body) => {
    const { url, server } = await rawServer((_, res) => res.end(body));
    const transport = transportFor(url);
    expect(await transport.send({ method: 'GET', path: '/x' })).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'bad-response', sent: 'maybe' } });
    await transport.close();
    await closeServer(server);
  });

  it("reads WeChat's answer to a wrong method (HTTP 200, 43002/43001) as an errcode, not as 'unavailable, may have been sent'", async () => {
    const sim = await startSimulator();
    const transport = transportFor(sim.url);
    expect(await transport.send({ method: 'GET', path: '/cgi-bin/open/unbind', query: { access_token: 'x' } })).toMatchObject({
      ok: false,
      failure: { kind: 'errcode', errcode: 43002, errmsg: expect.stringMatching(/^require POST method rid: /), rid: expect.stringMatching(/^[0-9a-f]{8}-/) },
    });
    expect(await transport.send({ method: 'POST', path: '/cgi-bin/open/have', query: { access_token: 'x' }, body: {} })).toMatchObject({ ok: false, failure: { kind: 'errcode', errcode: 43001 } });
    expect(sim.counters.calls('/cgi-bin/open/unbind')).toBe(1); // an answer, so not retried
    await transport.close();
    await sim.close();
  });

  it('refuses an answer too large to be WeChat, without reading it', async () => {
    const { url, server } = await rawServer((_, res) => {
      res.setHeader('content-length', String(2 * 1024 * 1024));
      res.write('{"errcode":0,');
    });
    const transport = transportFor(url);
    expect(await transport.send({ method: 'GET', path: '/x' })).toMatchObject({ ok: false, failure: { reason: 'bad-response' } });
    await transport.close();
    await closeServer(server);
  });

  it('cuts off an answer without a Content-Length once it is too large to be WeChat, without waiting for its end', async () => {
    let written = 0;
    const { url, server } = await rawServer((_, res) => {
      // Chunked, 64 KB at a time, and never ended: only reading it all could finish this answer.
      const chunk = ' '.repeat(64 * 1024);
      const more = () => {
        while (written < 4 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 4 * 1024 * 1024) res.once('drain', more);
      };
      res.write('{"errcode":0,');
      more();
    });
    const transport = transportFor(url);
    expect(await transport.send({ method: 'GET', path: '/x' })).toMatchObject({ ok: false, failure: { reason: 'bad-response' } });
    await transport.close();
    await closeServer(server);
  });

  it('reports a refused connection as never sent', async () => {
    const { url, server } = await rawServer(() => undefined);
    await closeServer(server);
    const transport = transportFor(url);
    expect(await transport.send({ method: 'POST', path: '/x', body: {} })).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'connect', sent: 'no' } });
    await transport.close();
  });

  it('reports a silent upstream as a timeout that may have been applied', async () => {
    const { url, server } = await rawServer(() => undefined);
    const transport = transportFor(url, { responseTimeoutMs: 200 });
    expect(await transport.send({ method: 'POST', path: '/x', body: {} })).toMatchObject({ ok: false, failure: { kind: 'unavailable', reason: 'timeout', sent: 'maybe' } });
    await transport.close();
    await closeServer(server);
  });
});
