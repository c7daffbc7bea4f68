import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { DEMO_ACCOUNTS, type Simulator } from '../../src/simulator';
import { apiKeyEntry } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const READ = JSON.stringify({ query: `{ openAccount(appid: "${DEMO_ACCOUNTS.acmeCoffeeOA.appid}") { __typename } }` });
const FLOOD_KEY = 'front-door-flood-key-0123456789abcdef';
const POLITE_KEY = 'front-door-polite-key-0123456789abcdef';

/** Small limits, nothing timing out during a test, and no event-loop check (jest shares the CPU). */
const SMALL = { ADMISSION_MAX_IN_FLIGHT: '3', ADMISSION_MAX_QUEUE: '4', ADMISSION_MAX_WAIT_MS: '60000', ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '0', OPERATION_TIMEOUT_MS: '60000' };

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: any;
}

async function post(gateway: TestGateway, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await request(gateway.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(text) };
}

/** One sample of /metrics, e.g. metric(g, 'gateway_admission_shed_total{reason="queue_full"}'). */
async function metric(gateway: TestGateway, series: string): Promise<number> {
  const text = (await gateway.send({ method: 'GET', path: '/metrics' })).text;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('HTTP front door: admission before the body is read', () => {
  // Each test closes its simulator itself, which ends the calls left hanging there.
  const harness = useHarness();
  let simulator: Simulator;
  let gateway: TestGateway;

  async function setUp(env: Record<string, string>, headers: Record<string, string> = {}): Promise<void> {
    ({ simulator, gateway } = await harness.demo(env));
    expect((await post(gateway, READ, headers)).status).toBe(200); // token fetched: each read is one call
    simulator.faults.inject({ path: GET, kind: 'hang', times: Infinity });
    simulator.counters.reset();
  }

  it('K requests against a hanging WeChat: exactly the configured number run and wait, the rest are 503 before Apollo runs', async () => {
    await setUp(SMALL);
    const operationsBefore = await metric(gateway, 'gateway_operations_total{field="openAccount",result="OpenAccount"}');
    const answers: Answer[] = [];
    const all = Array.from({ length: 20 }, () => post(gateway, READ).then((a) => (answers.push(a), a)));
    await until(() => answers.length === 13);

    // 3 in flight (all three at WeChat), 4 waiting unread, 13 refused at once.
    expect(answers.every((a) => a.status === 503)).toBe(true);
    expect(simulator.counters.calls(GET)).toBe(3);
    expect(await metric(gateway, 'gateway_admission_in_flight')).toBe(3);
    expect(await metric(gateway, 'gateway_admission_queue_length')).toBe(4);
    expect(await metric(gateway, 'gateway_operations_in_flight')).toBe(3); // Apollo saw only the admitted
    expect(await metric(gateway, 'gateway_admission_shed_total{reason="queue_full"}')).toBe(13);
    const refused = answers[0]!;
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].extensions).toEqual({ code: 'OVERLOADED', reason: 'queue_full', retryAfterSeconds: 60, retryable: true, mayHaveReachedWeChat: false });
    expect(refused.body.errors[0].message).toMatch(/nothing was sent to WeChat/);

    // Never shed: health, readiness and metrics answer while the door is full.
    for (const path of ['/healthz', '/readyz', '/metrics']) expect((await gateway.send({ method: 'GET', path })).status).toBe(200);

    // WeChat goes away: the 3 held end, the 4 waiting are admitted and answered too; none is dropped.
    await simulator.close();
    const final = await Promise.all(all);
    expect(final.filter((a) => a.status === 503)).toHaveLength(13);
    expect(final.filter((a) => a.status === 200).map((a) => a.body.data.openAccount.__typename)).toEqual(Array(7).fill('WeChatUnavailableError'));
    expect(await metric(gateway, 'gateway_operations_total{field="openAccount",result="OpenAccount"}')).toBe(operationsBefore);
    expect(await metric(gateway, 'gateway_operations_total{field="openAccount",result="WeChatUnavailableError"}')).toBe(7);
    expect(gateway.logs.filter((l) => l.includes('shedding started'))).toHaveLength(1);
  });

  it('shedding never turns a client mistake into a 503: bad credentials are 401, bad JSON 400', async () => {
    const keys = join(mkdtempSync(join(tmpdir(), 'front-door-')), 'api-keys.json');
    writeFileSync(keys, JSON.stringify([apiKeyEntry('flood', FLOOD_KEY, '*', ['openaccount:read'])]));
    await setUp({ ...SMALL, ADMISSION_MAX_IN_FLIGHT: '1', ADMISSION_MAX_QUEUE: '0', AUTH_API_KEYS_FILE: keys }, { 'x-api-key': FLOOD_KEY });
    const held = post(gateway, READ, { 'x-api-key': FLOOD_KEY });
    await until(() => simulator.counters.calls(GET) === 1);
    expect((await post(gateway, READ, { 'x-api-key': FLOOD_KEY })).status).toBe(503);
    const noKey = await post(gateway, READ);
    expect(noKey.status).toBe(401);
    expect(noKey.headers['www-authenticate']).toBe('Bearer');
    expect(noKey.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(gateway, READ, { 'x-api-key': 'not-a-key' })).status).toBe(401);
    await simulator.close();
    expect((await held).status).toBe(200);
    // Once there is room again, a body that is not JSON is the client's 400, not a 503 or a 500.
    const bad = await gateway.send({ body: '{"query": ', headers: { 'content-type': 'application/json', 'x-api-key': FLOOD_KEY } });
    expect(bad.status).toBe(400);
  });

  it('a flooding caller does not get a second caller within its share shed', async () => {
    const keys = join(mkdtempSync(join(tmpdir(), 'front-door-')), 'api-keys.json');
    writeFileSync(keys, JSON.stringify([apiKeyEntry('flood', FLOOD_KEY, '*', ['openaccount:read']), apiKeyEntry('polite', POLITE_KEY, '*', ['openaccount:read'])]));
    await setUp({ ...SMALL, ADMISSION_MAX_IN_FLIGHT: '2', ADMISSION_MAX_QUEUE: '6', AUTH_API_KEYS_FILE: keys }, { 'x-api-key': FLOOD_KEY });
    const flood: Answer[] = [];
    const floodAll = Array.from({ length: 30 }, () => post(gateway, READ, { 'x-api-key': FLOOD_KEY }).then((a) => (flood.push(a), a)));
    await until(() => flood.length === 22); // 2 running, 6 waiting, 22 refused

    // The queue is full of the flood; the second caller's three still get places, at the flood's expense.
    const polite: Answer[] = [];
    const politeAll = Array.from({ length: 3 }, () => post(gateway, READ, { 'x-api-key': POLITE_KEY }).then((a) => (polite.push(a), a)));
    await until(() => flood.length + polite.length === 25);
    expect(polite.map((a) => a.status)).toEqual([]);
    expect(flood.every((a) => a.status === 503)).toBe(true);
    expect(await metric(gateway, 'gateway_admission_shed_total{reason="fair_share"}')).toBe(3);
    expect(await metric(gateway, 'gateway_admission_queued_callers')).toBe(2);

    await simulator.close();
    const politeAnswers = await Promise.all(politeAll);
    expect(politeAnswers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await Promise.all(floodAll)).filter((a) => a.status === 200)).toHaveLength(5);
    expect(await metric(gateway, 'gateway_admission_shed_by_caller_total{caller="api-key:flood"}')).toBe(25);
    expect(await metric(gateway, 'gateway_admission_shed_by_caller_total{caller="api-key:polite"}')).toBe(0);
  });
});

describe('HTTP front door: bounded connections and client timeouts', () => {
  const harness = useHarness();
  let gateway: TestGateway;

  it('a body sent one byte at a time is cut off at HTTP_REQUEST_TIMEOUT_MS, before anything runs', async () => {
    gateway = await harness.gateway({ env: { HTTP_REQUEST_TIMEOUT_MS: '500', HTTP_HEADERS_TIMEOUT_MS: '500' } });
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${READ.length}\r\n\r\n`);
    // One byte every 100 ms: without the timeout node would wait 300 s (and this test time out).
    let sent = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && sent < READ.length - 1) socket.write(READ[sent++]!);
    }, 100);
    await closed;
    clearInterval(drip);
    expect(sent).toBeLessThan(READ.length - 1); // closed before the body was complete
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(await metric(gateway, 'gateway_operations_in_flight')).toBe(0);
  });

  it('connections past MAX_CONNECTIONS are closed at once; those within it are served', async () => {
    gateway = await harness.gateway({ env: { MAX_CONNECTIONS: '2' } });
    const { port } = new URL(gateway.url);
    const open = () => {
      const socket = connect(Number(port), '127.0.0.1');
      return new Promise<typeof socket>((resolve) => socket.once('connect', () => resolve(socket)));
    };
    const kept = [await open(), await open()];
    const third = await open();
    await new Promise<void>((resolve) => third.once('close', () => resolve()));
    for (const socket of kept) socket.destroy();
    await until(async () => (await gateway.send({ method: 'GET', path: '/healthz' }).catch(() => ({ status: 0 }))).status === 200);
  });
});
