import { getIntrospectionQuery } from 'graphql';
import { DEMO_ACCOUNTS, type Simulator } from '../../src/simulator';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const JSON_HEADERS = { 'content-type': 'application/json' };
const { acmeCoffeeOA } = DEMO_ACCOUNTS;

describe('Security: a document over an operation limit is refused before anything runs', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo({ MAX_QUERY_DEPTH: '6', MAX_QUERY_ALIASES: '3', MAX_QUERY_DIRECTIVES: '2', MAX_QUERY_TOKENS: '200', MAX_QUERY_COST: '100' }));
  });
  beforeEach(() => simulator.counters.reset());

  const post = async (body: unknown) => {
    const response = await gateway.send({ body: JSON.stringify(body), headers: JSON_HEADERS });
    return { status: response.status, body: JSON.parse(response.text) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
  };
  const read = (selection: string) => `{ ${selection} }`;
  const openAccount = (alias = '') => `${alias}openAccount(appid: "${acmeCoffeeOA.appid}") { __typename }`;

  it.each([
    ['depth', `{ openAccount(appid: "${acmeCoffeeOA.appid}") { ... on OpenAccount { app { openAccount { ... on OpenAccount { app { openAccount { ... on OpenAccount { app { appid } } } } } } } } } }`, /depth/i],
    ['aliases', read([1, 2, 3, 4].map((i) => openAccount(`a${i}: `)).join(' ')), /aliases/i],
    ['directives', read('a: __typename @skip(if: false) b: __typename @include(if: true) c: __typename @skip(if: false)'), /directives limit/i],
    ['tokens', read(Array.from({ length: 201 }, () => '__typename').join(' ')), /200 tokens/],
    ['cost', read([1, 2, 3].map((i) => `a${i}: openAccount(appid: "wx1") { ... on OpenAccount { app { openAccount { ... on OpenAccount { appid openAppid } } hasOpenAccount { __typename } } } }`).join(' ')), /cost/i],
  ])('refuses a document over the %s limit with 400, naming the limit, before anything runs', async (_, query, message) => {
    const { status, body } = await post({ query });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    expect(body.errors?.map((e) => e.message)).toContainEqual(expect.stringMatching(message));
    expect(simulator.counters.calls()).toBe(0);
  });

  it('refuses a batch of operations in one HTTP request (batching is off)', async () => {
    const { status } = await post([{ query: read(openAccount()) }, { query: read(openAccount()) }]);
    expect(status).toBe(400);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('hides field suggestions', async () => {
    const { body } = await post({ query: '{ openAcount(appid: "wx1") { __typename } }' });
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('Security: the default operation limits let Apollo Sandbox through', () => {
  const harness = useHarness('all');
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await harness.gateway();
  });

  // The other tests (e2e, federation) run every operation of schema/operations under the defaults.
  it("let Apollo Sandbox's full introspection query through", async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const response = await gateway.send({ body: JSON.stringify({ query }), headers: JSON_HEADERS });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.__schema.queryType.name).toBe('Query');
  });

});
