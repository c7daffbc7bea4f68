import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { countOperationWork } from '../../src/graphql/operation-work';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import { startTestGateway, type TestGateway } from '../support/gateway';

const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;
const entity = (appid: string) => ({ __typename: 'WeChatApp', appid });
/** `n` aliases of one `_entities` over the same `$r`: a small document, n × |$r| entities. */
const aliasedEntities = (n: number, selection = 'openAccount { __typename }') =>
  `query($r: [_Any!]!) { ${Array.from({ length: n }, (_, i) => `e${i}: _entities(representations: $r) { ... on WeChatApp { ${selection} } }`).join(' ')} }`;

interface Answer {
  readonly status: number;
  readonly bytes: number;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] };
}

/**
 * The alias amplification of issue 13: the cap on representations was per `_entities` field, so
 * 30 aliases of 500 representations resolved 15,000 entities (15,000 FORBIDDEN errors, 3 MB, for
 * a caller with no scope). Measured by representations, upstream reads and response size.
 */
describe('Security: work limits per operation, not per field', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let noScope: string;
  let reader: string;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
    gateway = await startTestGateway({
      simulator,
      // The defaults: MAX_ENTITY_REPRESENTATIONS 500, MAX_QUERY_ALIASES 30; reads lowered to see them counted.
      env: { WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_JWT_SECRET: TEST_JWT_SECRET, MAX_OPERATION_READS: '600' },
    });
    noScope = await signToken({ sub: 'nobody', appids: [], scope: '' });
    reader = await signToken({ sub: 'reader', appids: '*', scope: 'openaccount:read' });
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });
  beforeEach(() => simulator.counters.reset());

  async function post(token: string, query: string, variables: object): Promise<Answer> {
    const response = await gateway.send({ body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    return { status: response.status, bytes: Buffer.byteLength(response.text), body: JSON.parse(response.text) as Answer['body'] };
  }
  const many = (n: number, appid: string = acmeCoffeeOA.appid) => Array.from({ length: n }, () => entity(appid));

  it('30 aliases × 500 representations from a caller with no scope: one FORBIDDEN for the operation, a small answer, nothing sent', async () => {
    const answer = await post(noScope, aliasedEntities(30), { r: many(500) });
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(answer.body.data).toBeUndefined();
    expect(answer.bytes).toBeLessThan(1_000);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('30 aliases × 500 representations from an all-appid reader: refused as 15,000 representations, one error, nothing sent', async () => {
    const answer = await post(reader, aliasedEntities(30), { r: many(500) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', limit: 'representations' } })]);
    expect(answer.body.errors?.[0]?.message).toContain('15000 representations in one operation');
    expect(answer.body.errors?.[0]?.message).toContain('MAX_ENTITY_REPRESENTATIONS');
    expect(answer.bytes).toBeLessThan(1_000);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('counts representations through named fragments, inline fragments and aliases together', async () => {
    const query = `query($r: [_Any!]!) { ...A ... on Query { b: _entities(representations: $r) { __typename } } }
      fragment A on Query { a: _entities(representations: $r) { __typename } ...B }
      fragment B on Query { c: _entities(representations: [{__typename: "WeChatApp", appid: "${acmeCoffeeOA.appid}"}]) { __typename } }`;
    const answer = await post(reader, query, { r: many(250) });
    expect(answer.body.errors?.[0]?.message).toContain('501 representations in one operation');
    expect(simulator.counters.calls()).toBe(0);
  });

  it('a fragment spread twice executes once and counts once; the cap itself is accepted', async () => {
    const query = `query($r: [_Any!]!) { ...A ...A } fragment A on Query { _entities(representations: $r) { __typename } }`;
    const answer = await post(reader, query, { r: many(500) });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.['_entities']).toHaveLength(500);
  });

  it('counts WeChat reads per entity: over MAX_OPERATION_READS is refused before anything is sent', async () => {
    // 400 entities × (openAccount + hasOpenAccount) = 800 reads > 600, although the loaders would dedupe them.
    const over = await post(reader, aliasedEntities(1, 'openAccount { __typename } hasOpenAccount { __typename }'), { r: many(400) });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', limit: 'reads' } })]);
    expect(over.body.errors?.[0]?.message).toContain('800 WeChat reads');
    expect(simulator.counters.calls()).toBe(0);
    // Within it, the entities resolve (and the loader reads each appid once).
    const within = await post(reader, aliasedEntities(1, 'openAccount { __typename } hasOpenAccount { __typename }'), { r: [...many(150), ...many(150, acmeCoffeeMP.appid)] });
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
    expect(simulator.counters.calls('/cgi-bin/open/get')).toBe(2);
    expect(simulator.counters.calls('/cgi-bin/open/have')).toBe(2);
  });

  it('checks every representation of every alias before any runs: one BAD_USER_INPUT, nothing sent', async () => {
    const query = `query($r: [_Any!]!, $bad: [_Any!]!) { a: _entities(representations: $r) { ... on WeChatApp { openAccount { __typename } } } b: _entities(representations: $bad) { __typename } }`;
    const answer = await post(reader, query, { r: many(3), bad: [entity('wx1&access_token=x')] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.message).toMatch(/representations\[0\]\.appid/);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('counts reads under root fields and mutation successes, one per field per entity', () => {
    const document = parse(`mutation($r: [_Any!]!) {
      u: unbindOpenAccount(appid: "wx1", openAppid: "wxo1") { ... on UnbindOpenAccountSuccess { app { openAccount { __typename } hasOpenAccount { __typename } } } }
      v: unbindOpenAccount(appid: "wx1", openAppid: "wxo1") { ...S }
    } fragment S on UnbindOpenAccountSuccess { app { openAccount { ... on OpenAccount { app { hasOpenAccount { __typename } } } } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    expect(countOperationWork(operation, fragments, { r: [] })).toEqual({ entities: [], representations: 0, reads: 4 });
  });
});
