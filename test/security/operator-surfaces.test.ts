import { request } from 'undici';
import { loadConfig } from '../../src/config';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';

const READ = JSON.stringify({ query: 'query($a: String!) { openAccount(appid: $a) { __typename } }', variables: { a: DEMO_ACCOUNTS.acmeCoffeeOA.appid } });
const SERVICE = JSON.stringify({ query: '{ _service { sdl } }' });

/**
 * Issue 13, finding 4: /metrics was public on the GraphQL port; `_service { sdl }` answered a
 * caller with no scope although introspection was off; inline traces (ftv1) went to any client
 * that asked.
 */
describe('Security: operator surfaces off the public path', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let reader: Record<string, string>;
  let router: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
    gateway = await startTestGateway({
      simulator,
      env: { NODE_ENV: 'production', WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_JWT_SECRET: TEST_JWT_SECRET },
    });
    reader = { 'content-type': 'application/json', authorization: `Bearer ${await signToken({ sub: 'reader', appids: '*', scope: 'openaccount:read' })}` };
    router = { 'content-type': 'application/json', authorization: `Bearer ${await signToken({ sub: 'router', appids: '*', scope: 'openaccount:read federation' })}` };
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });

  it('in production /metrics is on its own port (METRICS_PORT), not on the GraphQL port', async () => {
    expect((await gateway.send({ method: 'GET', path: '/metrics' })).status).toBe(404);
    expect(new URL(gateway.metricsUrl).port).not.toBe(new URL(gateway.url).port);
    const scraped = await request(gateway.metricsUrl);
    expect(scraped.statusCode).toBe(200);
    expect(await scraped.body.text()).toContain('gateway_operations_total');
    const graphqlThere = await request(new URL('/graphql', gateway.metricsUrl), { method: 'POST', body: READ, headers: reader });
    await graphqlThere.body.text();
    expect(graphqlThere.statusCode).toBe(404);
  });

  it('outside production /metrics stays on the GraphQL port unless METRICS_PORT is set; it may not be PORT', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).metricsPort).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'development', METRICS_PORT: '9100' }).metricsPort).toBe(9100);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: TEST_JWT_SECRET }).metricsPort).toBe(9464);
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT: must differ from PORT/);
  });

  it('_service { sdl } is FORBIDDEN to a caller without the federation scope, and served to a router', async () => {
    const refused = await gateway.send({ body: SERVICE, headers: reader });
    const body = JSON.parse(refused.text) as { data: { _service: unknown } | null; errors?: { extensions: { code: string } }[] };
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(refused.text).not.toContain('type WeChatApp');
    const served = JSON.parse((await gateway.send({ body: SERVICE, headers: router })).text) as { data: { _service: { sdl: string } } };
    expect(served.data._service.sdl).toMatch(/type WeChatApp\s+@key\(fields: "appid"\)/);
  });

  it('inline traces (ftv1) only for a router, whatever header a client sends', async () => {
    const ask = async (headers: Record<string, string>) =>
      JSON.parse((await gateway.send({ body: READ, headers: { ...headers, 'apollo-federation-include-trace': 'ftv1' } })).text) as { data: unknown; extensions?: { ftv1?: string } };
    const client = await ask(reader);
    expect(client.data).toEqual({ openAccount: { __typename: 'OpenAccount' } });
    expect(client.extensions?.ftv1).toBeUndefined();
    expect((await ask(router)).extensions?.ftv1).toEqual(expect.any(String));
  });
});
