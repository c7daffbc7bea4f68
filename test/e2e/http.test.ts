import { OpenAccountDocument } from '../../client';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const JSON_HEADERS = { 'content-type': 'application/json' };
const INTROSPECTION = JSON.stringify({ query: '{ __schema { queryType { name } } }' });

describe('HTTP: one GraphQL endpoint, and a clear 4xx for every malformed request', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => ({ simulator, gateway } = await harness.demo({ MAX_BODY_BYTES: '2048' })));

  it('serves the openAccount query at /graphql and at /', async () => {
    const { acmeCoffeeOA } = DEMO_ACCOUNTS;
    expect((await gateway.execute(OpenAccountDocument, { appid: acmeCoffeeOA.appid })).data?.openAccount).toEqual({
      __typename: 'OpenAccount',
      appid: acmeCoffeeOA.appid,
      openAppid: DEMO_OPEN_ACCOUNTS.acmeApi.openAppid,
    });
    const atRoot = await gateway.send({ path: '/', body: INTROSPECTION, headers: JSON_HEADERS });
    expect(atRoot.status).toBe(200);
  });

  it('answers openAccount for an unbound account with OpenAccountNotBoundError', async () => {
    const result = await gateway.execute(OpenAccountDocument, { appid: DEMO_ACCOUNTS.acmeBakeryMP.appid });
    expect(result.data?.openAccount).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002 });
  });

  it('answers /healthz', async () => {
    const response = await gateway.send({ method: 'GET', path: '/healthz' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
  });

  it('answers 404 with a pointer to /graphql for other paths', async () => {
    const response = await gateway.send({ method: 'GET', path: '/nope' });
    expect(response.status).toBe(404);
    expect(response.text).toContain('/graphql');
  });

  it('refuses an unparsable body with 400 and no stack trace', async () => {
    const response = await gateway.send({ body: '{"query": ', headers: JSON_HEADERS });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.text).not.toMatch(/at .*\.js/);
  });

  it('refuses a body over MAX_BODY_BYTES with 413', async () => {
    const response = await gateway.send({ body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(4096)}` }), headers: JSON_HEADERS });
    expect(response.status).toBe(413);
  });

  it('refuses a syntax error as GRAPHQL_PARSE_FAILED', async () => {
    const response = await gateway.send({ body: JSON.stringify({ query: 'mutation {' }), headers: JSON_HEADERS });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('prevents CSRF: a simple form POST is refused', async () => {
    simulator.counters.reset();
    const response = await gateway.send({ body: 'query={__typename}', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(400);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('allows introspection and serves Apollo Sandbox outside production', async () => {
    const introspection = await gateway.send({ body: INTROSPECTION, headers: JSON_HEADERS });
    expect(JSON.parse(introspection.text).data.__schema.queryType.name).toBe('Query');
    const page = await gateway.send({ method: 'GET', path: '/', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/sandbox/i);
  });
});

describe('HTTP in production: no introspection and no landing page', () => {
  const harness = useHarness('all');
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await harness.gateway({ wechat: ['http://127.0.0.1:9'], env: { NODE_ENV: 'production', AUTH_JWT_SECRET: TEST_JWT_SECRET } });
  });

  it('turns introspection and the landing page off', async () => {
    const authorization = `Bearer ${await signToken({ sub: 'ops', appids: '*', scope: 'openaccount:read' })}`;
    const introspection = await gateway.send({ body: INTROSPECTION, headers: { ...JSON_HEADERS, authorization } });
    expect(JSON.parse(introspection.text).errors[0].message).toMatch(/introspection/i);
    const page = await gateway.send({ method: 'GET', path: '/', headers: { accept: 'text/html' } });
    expect(page.text).not.toMatch(/sandbox/i);
  });
});
