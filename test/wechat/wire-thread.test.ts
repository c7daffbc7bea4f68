/**
 * The wire thread (src/wechat/transport/wire-thread.ts): WeChat's exchanges made by undici in a
 * worker thread. What the transport relies on, against a real HTTP server on loopback: answers
 * and errors come back as one in-process exchange gives them (undici's error code included), an
 * abort before a connection is free means the request is never sent, a thread that dies fails
 * what it held as lost connections and the next exchange gets a new thread, and a closed wire
 * refuses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { signalDeadline } from '../../src/wechat/transport/deadline';
import { WireThread } from '../../src/wechat/transport/wire-thread';

let server: Server;
let origin: string;
/** Requests the server received, by path. */
let received: string[];
/** Requests to /hang are held here until the test answers them. */
let hanging: ServerResponse[];

beforeEach(async () => {
  received = [];
  hanging = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received.push(req.url ?? '');
    req.resume();
    if (req.url === '/hang') return void hanging.push(res);
    if (req.url === '/big') return void res.end('x'.repeat(2_000));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ errcode: 0, path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const res of hanging) res.end('{}');
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const wireFor = (connections = 1) => new WireThread([{ origin, connections, connectTimeoutMs: 1_000, responseTimeoutMs: 5_000 }]);
const post = (path: string) => ({ origin, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: '{}' });
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

test('an answer comes back whole, and one larger than the limit only as its size', async () => {
  const wire = wireFor();
  try {
    await expect(wire.exchange(post('/a?x=1'), undefined, 1_000)).resolves.toEqual({ status: 200, text: '{"errcode":0,"path":"/a?x=1"}' });
    await expect(wire.exchange(post('/big'), undefined, 1_000)).resolves.toEqual({ status: 200, tooLarge: 2_000 });
  } finally {
    await wire.close();
  }
});

test("a refused connection is undici's error, with its code (the transport's proof that nothing was sent)", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const wire = new WireThread([{ origin: `http://127.0.0.1:${port}`, connections: 1, connectTimeoutMs: 1_000, responseTimeoutMs: 1_000 }]);
  try {
    await expect(wire.exchange({ ...post('/a'), origin: `http://127.0.0.1:${port}` }, undefined, 1_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    await wire.close();
  }
});

test('aborted while waiting for the only connection: rejected at once and never sent', async () => {
  const wire = wireFor(1);
  try {
    const first = wire.exchange(post('/hang'), undefined, 1_000);
    await until(() => hanging.length === 1);
    const controller = new AbortController();
    const second = wire.exchange(post('/queued'), signalDeadline(controller.signal), 1_000);
    controller.abort(new Error('deadline'));
    await expect(second).rejects.toThrow('deadline');
    hanging[0]!.end('{"errcode":0}');
    await expect(first).resolves.toMatchObject({ status: 200 });
    // The connection is free again: a later exchange goes out, the aborted one never did.
    await wire.exchange(post('/after'), undefined, 1_000);
    expect(received).toEqual(['/hang', '/after']);
  } finally {
    await wire.close();
  }
});

test('a thread that dies fails what it held as a lost connection, and the next exchange gets a new thread', async () => {
  const wire = wireFor();
  try {
    const held = wire.exchange(post('/hang'), undefined, 1_000);
    await until(() => hanging.length === 1);
    await (wire as unknown as { worker: Worker }).worker.terminate();
    await expect(held).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    await expect(wire.exchange(post('/b'), undefined, 1_000)).resolves.toMatchObject({ status: 200 });
  } finally {
    await wire.close();
  }
});

test('a closed wire refuses new exchanges', async () => {
  const wire = wireFor();
  await wire.exchange(post('/a'), undefined, 1_000);
  await wire.close();
  await expect(wire.exchange(post('/a'), undefined, 1_000)).rejects.toMatchObject({ code: 'UND_ERR_DESTROYED' });
  expect(received).toEqual(['/a']);
});
