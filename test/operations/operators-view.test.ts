import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { OpenAccountDocument, UnbindOpenAccountDocument } from '../../client';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const { acmeCoffeeOA, acmeTeaOA } = DEMO_ACCOUNTS;

describe("operators' view: health, metrics and one log line per upstream call, without touching WeChat", () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo());
    await gateway.executeOk(UnbindOpenAccountDocument, { appid: acmeCoffeeOA.appid, openAppid: DEMO_OPEN_ACCOUNTS.acmeApi.openAppid });
    await gateway.executeOk(UnbindOpenAccountDocument, { appid: acmeTeaOA.appid, openAppid: DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid });
    await gateway.executeOk(OpenAccountDocument, { appid: acmeCoffeeOA.appid });
  });

  it('/healthz and /readyz answer while serving', async () => {
    expect((await gateway.send({ method: 'GET', path: '/healthz' })).status).toBe(200);
    const ready = await gateway.send({ method: 'GET', path: '/readyz' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready' });
  });

  it('/metrics counts operations by field and result type, upstream calls, token fetches and circuit state', async () => {
    const response = await gateway.send({ method: 'GET', path: '/metrics' });
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
    const origin = new URL(simulator.url).origin;
    const text = response.text;
    expect(text).toContain('gateway_operations_total{field="unbindOpenAccount",result="UnbindOpenAccountSuccess"} 1');
    expect(text).toContain('gateway_operations_total{field="unbindOpenAccount",result="OpenAccountNotCreatedByApiError"} 1');
    expect(text).toContain('gateway_operations_total{field="openAccount",result="OpenAccountNotBoundError"} 1');
    expect(text).toContain(`wechat_upstream_requests_total{origin="${origin}",path="/cgi-bin/open/unbind",outcome="0"} 1`);
    expect(text).toContain(`wechat_upstream_requests_total{origin="${origin}",path="/cgi-bin/open/unbind",outcome="89003"} 1`);
    expect(text).toContain('wechat_token_fetches_total{path="/cgi-bin/stable_token",outcome="0"} 2');
    expect(text).toContain(`wechat_circuit_state{origin="${origin}"} 0`);
    expect(text).toMatch(/gateway_operation_duration_seconds_bucket\{le="[\d.]+",field="unbindOpenAccount"\}/);
    expect(text).toContain('wechat_upstream_in_flight 0');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('logs one structured line per upstream call, with the path and never the URL', async () => {
    const calls = gateway.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['msg'] === 'wechat call');
    expect(calls.length).toBe(simulator.counters.calls());
    expect(calls.every((entry) => typeof entry['path'] === 'string' && !String(entry['path']).includes('?'))).toBe(true);
    expect(gateway.logs.some((line) => line.includes('access_token'))).toBe(false);
  });

  it('answers /metrics without touching WeChat', async () => {
    const before = simulator.counters.calls();
    await request(`${new URL(gateway.url).origin}/metrics`).then((r) => r.body.text());
    expect(simulator.counters.calls()).toBe(before);
  });
});
