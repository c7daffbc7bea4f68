/** Hostile and odd input: the simulator answers or drops it, and keeps serving. */
import { connect } from 'node:net';
import { startSimulator, type Simulator } from '../../src/simulator';
import { accountWithToken, get, send, stableToken } from './http';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function stillServes(): Promise<void> {
  expect((await send(sim, 'GET', '/cgi-bin/open/have')).json().errcode).toBe(41001);
}

/** Writes raw bytes to the simulator's port and collects whatever comes back. */
function raw(bytes: string, endAfterWrite = false): Promise<string> {
  const { hostname, port } = new URL(sim.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (endAfterWrite) socket.destroy();
    });
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    socket.setTimeout(1000, () => socket.destroy());
  });
}

it('answers a body over 1 MB with 413 and keeps serving', async () => {
  const { token } = await accountWithToken(sim, { subject: 'Input Co.' });
  const huge = JSON.stringify({ open_appid: 'x'.repeat(2 * 1024 * 1024) });
  const reply = await send(sim, 'POST', `/cgi-bin/open/bind?access_token=${token}`, huge);
  expect(reply.status).toBe(413);
  expect(reply.json().errcode).toBe(413);
  await stillServes();
});

it('survives malformed HTTP, a client that leaves mid-body, and odd URLs', async () => {
  expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  await raw('POST /cgi-bin/open/bind HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"open', true);
  expect((await send(sim, 'GET', '//cgi-bin//open/have')).status).toBe(404);
  expect((await send(sim, 'GET', '/cgi-bin/open/have?access_token=%E0%A4%A')).json().errcode).toBe(40001);
  expect((await send(sim, 'GET', '/cgi-bin/open/have?access_token=a&access_token=b')).json().errcode).toBe(40001);
  await stillServes();
});

it('answers wrongly typed token fields with WeChat errcodes', async () => {
  const ask = (body: unknown) => send(sim, 'POST', '/cgi-bin/stable_token', body).then((r) => r.json().errcode);
  expect(await ask({ grant_type: ['client_credential'], appid: 'x', secret: 'y' })).toBe(40002);
  expect(await ask({ grant_type: 'client_credential', appid: null, secret: 'y' })).toBe(41002);
  expect(await ask({ grant_type: 'client_credential', appid: {}, secret: 'y' })).toBe(40013);
  expect(await ask([])).toBe(47001);
  expect(await ask('42')).toBe(47001);
  await stillServes();
});

it('gives every concurrent stable_token caller the same token', async () => {
  sim.state.accounts.addAccount({ appid: 'wx5555555555555555', secret: '5'.repeat(32), subject: 'Input Co.' });
  const tokens = await Promise.all(Array.from({ length: 30 }, () => stableToken(sim, 'wx5555555555555555', '5'.repeat(32))));
  expect(new Set(tokens).size).toBe(1);
  expect((await get(sim, '/cgi-bin/open/have', { access_token: tokens[0] ?? '' })).errcode).toBe(0);
});
