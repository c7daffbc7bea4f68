import { randomBytes, randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, startSimulator, type Simulator } from '../../src/simulator';
import { OpenAccountDocument, UnbindOpenAccountDocument } from '../../client';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { addPlatform, callbackUrlOf, leakedSecrets, newPlatform, platformEnv, secretsOf, type TestPlatform } from '../support/platform';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const BUILD = process.env['TEST_GATEWAY_BUILD']!;
const SERVER = 2;
const CLIENT = 3;

/** A W3C traceparent as Apollo Router or Hive Gateway sends it: a new trace, sampled. */
function newTraceparent(): { traceparent: string; traceId: string; parentSpanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${parentSpanId}-01`, traceId, parentSpanId };
}

async function openAccount(gateway: GatewayProcess, headers: Record<string, string>): Promise<unknown> {
  const response = await request(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(OpenAccountDocument), variables: { appid: acmeCoffeeOA.appid } }),
  });
  return ((await response.body.json()) as { data?: { openAccount?: unknown } }).data?.openAccount;
}

function only(spans: readonly ReceivedSpan[], predicate: (span: ReceivedSpan) => boolean, what: string): ReceivedSpan {
  const found = spans.filter(predicate);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0]!;
}

describe('OpenTelemetry traces, exported over OTLP/HTTP to a real receiver', () => {
  let sim: Simulator;
  let receiver: OtlpReceiver;
  let platform: TestPlatform;
  let env: Record<string, string>;
  const gateways: GatewayProcess[] = [];
  /** The http/json gateway of the first test, reused by the retry and settlement test. */
  let jsonGateway: GatewayProcess;

  /** A platform-mode gateway on Redis with an authorised merchant, exporting to `receiver`. */
  async function gatewayWith(otel: Record<string, string>): Promise<GatewayProcess> {
    const gateway = await spawnGateway({ ...env, ...otel }, BUILD);
    gateways.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    receiver = await OtlpReceiver.start();
    platform = newPlatform();
    env = { ...platformEnv(platform), WECHAT_API_BASE: sim.url, REDIS_URL: process.env['TEST_REDIS_URL']!, REDIS_KEY_PREFIX: `test:${randomUUID()}:`, OTEL_BSP_SCHEDULE_DELAY: '50' };
  });

  afterAll(async () => {
    for (const g of gateways) g.child.kill('SIGTERM');
    await Promise.all(gateways.map((g) => g.exited));
    await receiver.close();
    await sim.close();
  });

  it('a request with a traceparent: spans in that trace for the HTTP request, the operation, its WeChat calls, token fetches and store round trips; no credential exported; its log lines carry the trace_id', async () => {
    const gateway = await gatewayWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'openaccount-under-test' });
    jsonGateway = gateway;
    addPlatform(sim, platform, callbackUrlOf(gateway.url));
    expect(await sim.pushes.pushTicket()).toMatchObject({ status: 200, text: 'success' });
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    // Every token dead: the call meets 42001, refreshes its tokens (fetches, store, lock) and retries.
    sim.state.expireTokens();

    const { traceparent, traceId, parentSpanId } = newTraceparent();
    expect(await openAccount(gateway, { traceparent })).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN });
    await receiver.until('the operation span and its HTTP span', () => receiver.trace(traceId).some((s) => s.kind === SERVER) && receiver.trace(traceId).some((s) => s.name === 'query OpenAccount'));
    await receiver.until('the WeChat call spans', () => receiver.trace(traceId).filter((s) => s.name === 'POST /cgi-bin/open/get').length >= 2);
    const spans = receiver.trace(traceId);

    // The caller's trace goes on: the HTTP span is a child of the caller's span.
    const http = only(spans, (s) => s.kind === SERVER, 'SERVER span');
    expect(http).toMatchObject({ name: 'POST /graphql', parentSpanId, resource: expect.objectContaining({ 'service.name': 'openaccount-under-test' }) });
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });

    // The operation: name, type, and the union member each root field resolved to.
    const operation = only(spans, (s) => s.name === 'query OpenAccount', 'operation span');
    expect(operation.parentSpanId).toBe(http.spanId);
    expect(operation.attributes).toMatchObject({ 'graphql.operation.name': 'OpenAccount', 'graphql.operation.type': 'query', 'gateway.result.openAccount': 'OpenAccount' });

    // The WeChat calls: the first met the expired token, the retry succeeded; each upstream
    // request is a CLIENT span with the path, domain and attempt, and the errcode.
    const calls = spans.filter((s) => s.name === 'WeChat /cgi-bin/open/get');
    expect(calls.map((c) => c.attributes['wechat.errcode']).sort()).toEqual([0, 42001]);
    for (const call of calls) expect(call.attributes).toMatchObject({ 'wechat.path': '/cgi-bin/open/get', 'wechat.attempts': 1, 'wechat.retried': false });
    const requests = spans.filter((s) => s.name === 'POST /cgi-bin/open/get');
    for (const r of requests) {
      expect(r.kind).toBe(CLIENT);
      expect(r.attributes).toMatchObject({ 'wechat.domain': new URL(sim.url).origin, 'url.path': '/cgi-bin/open/get', 'wechat.attempt': 1, 'http.request.method': 'POST' });
      expect(calls.map((c) => c.spanId)).toContain(r.parentSpanId);
    }
    const ids = new Set(spans.map((s) => s.spanId));
    for (const s of spans.filter((s) => s !== http)) expect(ids).toContain(s.parentSpanId);

    // Token fetches (the authorizer token from the stored refresh token) and store round trips.
    const fetches = spans.filter((s) => s.name === 'token fetch');
    expect(fetches.map((f) => f.attributes['wechat.token.kind'])).toContain('authorizer');
    expect(spans.filter((s) => s.name.startsWith('store ')).map((s) => s.attributes['db.system.name'])).toContain('redis');
    expect(spans.some((s) => s.name === 'POST /cgi-bin/component/api_authorizer_token')).toBe(true);

    // Nothing secret anywhere in what was exported: no token, ticket, refresh token or secret.
    await receiver.until('the callback spans', () => receiver.spans.some((s) => s.name === 'POST /wechat/component/callback'));
    const exported = receiver.everything();
    expect(leakedSecrets([exported], secretsOf(platform, sim))).toEqual([]);
    expect(exported).not.toContain('access_token');

    // Logs and traces join: the request's log lines carry its trace_id.
    const ofTrace = (line: string) => line.includes(`"trace_id":"${traceId}"`) && line.includes('"msg":"wechat call"');
    const logged = (await gateway.logged(ofTrace)).filter((line) => line.includes(`"trace_id":"${traceId}"`)).map((line) => JSON.parse(line) as { msg: string; span_id: string });
    expect(logged.map((l) => l.msg)).toContain('wechat call');
    for (const line of logged) expect(ids).toContain(line.span_id);
  });

  it('http/protobuf is accepted too: the request is exported to the same receiver as protobuf, with no credential in it', async () => {
    const gateway = await gatewayWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_SERVICE_NAME: 'openaccount-protobuf' });
    const { traceparent, traceId } = newTraceparent();
    expect(await openAccount(gateway, { traceparent })).toMatchObject({ __typename: 'OpenAccount' });
    const traceBytes = Buffer.from(traceId, 'hex');
    // The trace's spans may arrive in more than one batch: look at all protobuf exports together.
    const protobuf = () => receiver.exports.filter((e) => e.contentType === 'application/x-protobuf');
    const all = () => Buffer.concat(protobuf().map((e) => e.body));
    await receiver.until('protobuf exports holding the trace and its WeChat call', () => all().includes(traceBytes) && all().includes(Buffer.from('POST /cgi-bin/open/get')) && all().includes(Buffer.from('query OpenAccount')));
    expect(new Set(protobuf().map((e) => e.path))).toEqual(new Set(['/v1/traces']));
    expect(all().includes(Buffer.from('openaccount-protobuf'))).toBe(true);
    expect(leakedSecrets([receiver.everything()], secretsOf(platform, sim))).toEqual([]);
  });

  it('off without an endpoint: nothing is exported and log lines carry no trace_id, traceparent or not', async () => {
    const before = receiver.exports.length;
    const gateway = await gatewayWith({});
    const { traceparent, traceId } = newTraceparent();
    expect(await openAccount(gateway, { traceparent })).toMatchObject({ __typename: 'OpenAccount' });
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.lines.some((line) => line.includes('trace_id'))).toBe(false);
    expect(gateway.lines.some((line) => line.includes(traceId))).toBe(false);
    expect(receiver.exports.slice(before).filter((e) => e.body.includes(Buffer.from(traceId, 'hex')) || e.body.includes(Buffer.from(traceId)))).toEqual([]);
  });

  // Last: the unbind changes the merchant's state.
  it('a retried call and a change settled by a read say so on their spans; the mutation span records its union member', async () => {
    // WeChat busy once on the read: retried. The unbind's connection drops after WeChat applied
    // it: the answer is lost, and a read settles it.
    sim.faults.inject({ path: '/cgi-bin/open/get', kind: 'errcode', errcode: -1 });
    const { traceparent, traceId } = newTraceparent();
    expect(await openAccount(jsonGateway, { traceparent })).toMatchObject({ __typename: 'OpenAccount' });
    sim.faults.inject({ path: '/cgi-bin/open/unbind', kind: 'drop', afterApply: true });
    const unbind = newTraceparent();
    const response = await request(jsonGateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: unbind.traceparent },
      body: JSON.stringify({ query: print(UnbindOpenAccountDocument), variables: { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN } }),
    });
    expect(((await response.body.json()) as { data: { unbindOpenAccount: unknown } }).data.unbindOpenAccount).toMatchObject({ __typename: 'UnbindOpenAccountSuccess', verifiedByRead: true });

    await receiver.until('the retried call', () => receiver.trace(traceId).some((s) => s.name === 'WeChat /cgi-bin/open/get'));
    const retried = only(receiver.trace(traceId), (s) => s.name === 'WeChat /cgi-bin/open/get', 'read call');
    expect(retried.attributes).toMatchObject({ 'wechat.attempts': 2, 'wechat.retried': true, 'wechat.errcode': 0 });
    expect(receiver.trace(traceId).filter((s) => s.name === 'POST /cgi-bin/open/get').map((s) => [s.attributes['wechat.attempt'], s.attributes['wechat.errcode']]).sort()).toEqual([[1, -1], [2, 0]]);

    await receiver.until('the change span', () => receiver.trace(unbind.traceId).some((s) => s.name === 'open-account unbind') && receiver.trace(unbind.traceId).some((s) => s.name === 'mutation UnbindOpenAccount'));
    const spans = receiver.trace(unbind.traceId);
    const change = only(spans, (s) => s.name === 'open-account unbind', 'change span');
    expect(change.attributes).toMatchObject({ 'wechat.sent': 1, 'wechat.settled_by_read': true, 'wechat.settlement': 'applied' });
    const sent = only(spans, (s) => s.name === 'POST /cgi-bin/open/unbind', 'unbind request');
    expect(sent.attributes).toMatchObject({ 'wechat.failure': 'unavailable', 'wechat.failure.reason': 'connection-lost', 'wechat.failure.sent': 'maybe' });
    expect(spans.filter((s) => s.name === 'WeChat /cgi-bin/open/get').every((s) => s.parentSpanId === change.spanId)).toBe(true);
    expect(only(spans, (s) => s.name === 'mutation UnbindOpenAccount', 'operation span').attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'gateway.result.unbindOpenAccount': 'UnbindOpenAccountSuccess' });
  });
});
