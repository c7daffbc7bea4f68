import { DEMO_ACCOUNTS, type Simulator } from '../../src/simulator';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const READ = 'query($a: String!) { app(appid: $a) { openAccount { __typename } } }';
const path = (query: string) => `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ a: DEMO_ACCOUNTS.acmeCoffeeOA.appid }))}`;

describe('CSRF prevention: a refusal says what to do', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  const harness = useHarness('all');
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo());
  });
  beforeEach(() => simulator.counters.reset());

  it('a GET without a preflight header (urql\'s default) → 400 naming both fixes, nothing sent', async () => {
    const response = await gateway.send({ method: 'GET', path: path(READ) });
    expect(response.status).toBe(400);
    const [error] = JSON.parse(response.text).errors;
    expect(error.extensions.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^Refused by CSRF prevention/);
    expect(error.message).toContain("POST with 'content-type: application/json'");
    expect(error.message).toContain("'apollo-require-preflight: true'");
    expect(simulator.counters.calls()).toBe(0);
  });

  it('the same GET with apollo-require-preflight is served', async () => {
    const response = await gateway.send({ method: 'GET', path: path(READ), headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { app: { openAccount: { __typename: 'OpenAccount' } } } });
  });
});
