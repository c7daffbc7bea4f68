import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { apiKeyEntry, signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const READ = 'query($a: String!) { openAccount(appid: $a) { __typename } }';
const HAS = 'query($a: String!) { hasOpenAccount(appid: $a) { __typename } }';
const UNBIND = 'mutation($a: String!, $o: String!) { unbindOpenAccount(appid: $a, openAppid: $o) { __typename ... on UnbindOpenAccountSuccess { app { openAccount { __typename } } } } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on WeChatApp { appid openAccount { __typename } } } }';
const BILLING_KEY = 'wxgw_billing-service-key-for-tests-only-0123456789';
const READER_KEY = 'wxgw_reader-service-key-for-tests-only-abcdefghij';

function keysFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-keys-'));
  const file = join(dir, 'api-keys.json');
  writeFileSync(
    file,
    JSON.stringify([
      apiKeyEntry('billing-service', BILLING_KEY, [acmeCoffeeMP.appid], ['openaccount:read', 'openaccount:write']),
      apiKeyEntry('reader', READER_KEY, '*', ['openaccount:read']),
    ]),
  );
  return file;
}

describe('Security: a caller acts only on its appids and within its scopes (@Authorized)', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_API_KEYS_FILE: keysFile() })));
  beforeEach(() => simulator.counters.reset());

  const token = (appids: unknown, scope: string) => signToken({ sub: 'frontend-user', appids, scope });
  async function run(credentials: Record<string, string>, query: string, variables: object) {
    const response = await gateway.send({ body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', ...credentials } });
    expect(response.status).toBeLessThan(500);
    return JSON.parse(response.text) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] };
  }
  const bearer = async (appids: unknown, scope: string) => ({ authorization: `Bearer ${await token(appids, scope)}` });

  it('lets a caller read an appid it is entitled to', async () => {
    const result = await run(await bearer([acmeCoffeeOA.appid], 'openaccount:read'), READ, { a: acmeCoffeeOA.appid });
    expect(result.data?.['openAccount']).toEqual({ __typename: 'OpenAccount' });
    expect(simulator.counters.calls()).toBeGreaterThan(0);
  });

  it.each([
    ['openAccount', READ],
    ['hasOpenAccount', HAS],
  ])('%s of an appid the caller is not entitled to → FORBIDDEN, no upstream call', async (field, query) => {
    const result = await run(await bearer([acmeCoffeeOA.appid], 'openaccount:read'), query, { a: acmeBakeryMP.appid });
    expect(result.errors).toEqual([expect.objectContaining({ path: [field], extensions: { code: 'FORBIDDEN' } })]);
    expect(result.errors?.[0]?.message).toMatch(/not entitled to this appid/);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('a token with no appids claim may act on no appid', async () => {
    const result = await run({ authorization: `Bearer ${await signToken({ sub: 'u', scope: 'openaccount:read' })}` }, READ, { a: acmeCoffeeOA.appid });
    expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(simulator.counters.calls()).toBe(0);
  });

  it('a mutation without the write scope → FORBIDDEN, no upstream call (not even a token fetch)', async () => {
    const result = await run(await bearer('*', 'openaccount:read'), UNBIND, { a: acmeCoffeeOA.appid, o: ACME_OPEN });
    expect(result.errors).toEqual([expect.objectContaining({ path: ['unbindOpenAccount'], extensions: { code: 'FORBIDDEN' } })]);
    expect(result.errors?.[0]?.message).toMatch(/openaccount:write/);
    expect(simulator.counters.calls()).toBe(0);
    expect(simulator.counters.tokenFetches()).toBe(0);
  });

  it('a mutation on an appid outside the caller\'s → FORBIDDEN, no upstream call', async () => {
    const result = await run(await bearer([acmeCoffeeMP.appid], 'openaccount:read openaccount:write'), UNBIND, { a: acmeCoffeeOA.appid, o: ACME_OPEN });
    expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(simulator.counters.calls()).toBe(0);
    expect(simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid)).toBe(ACME_OPEN);
  });

  it('a read scope alone does not grant writes, and a write scope alone does not grant reads', async () => {
    const writeOnly = await bearer('*', 'openaccount:write');
    expect((await run(writeOnly, READ, { a: acmeCoffeeOA.appid })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(simulator.counters.calls()).toBe(0);
  });

  it('_entities: a representation of a forbidden appid → FORBIDDEN for it, nothing sent to WeChat for it', async () => {
    const representations = [
      { __typename: 'WeChatApp', appid: acmeCoffeeOA.appid },
      { __typename: 'WeChatApp', appid: acmeBakeryMP.appid },
    ];
    const result = await run(await bearer([acmeCoffeeOA.appid], 'openaccount:read'), ENTITIES, { r: representations });
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 1, 'openAccount'], extensions: { code: 'FORBIDDEN' } })]);
    expect((result.data?.['_entities'] as unknown[])[0]).toEqual({ appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount' } });
    expect(simulator.counters.calls('/cgi-bin/open/get')).toBe(1);
  });

  it('_entities: no read scope → FORBIDDEN for every entity, nothing sent to WeChat', async () => {
    const result = await run(await bearer('*', 'openaccount:write'), ENTITIES, { r: [{ __typename: 'WeChatApp', appid: acmeCoffeeOA.appid }] });
    expect(result.errors?.map((e) => e.extensions['code'])).toEqual(['FORBIDDEN']);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('_entities without credentials → UNAUTHENTICATED', async () => {
    const response = await gateway.send({
      body: JSON.stringify({ query: ENTITIES, variables: { r: [{ __typename: 'WeChatApp', appid: acmeCoffeeOA.appid }] } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(simulator.counters.calls()).toBe(0);
  });

  describe('API keys carry their own appids and scopes', () => {
    it.each([
      ['X-API-Key', { 'x-api-key': BILLING_KEY }],
      ['Authorization: Bearer', { authorization: `Bearer ${BILLING_KEY}` }],
    ])('a service with a key in %s acts on its appids only', async (_, credentials) => {
      expect((await run(credentials, READ, { a: acmeCoffeeMP.appid })).data?.['openAccount']).toEqual({ __typename: 'OpenAccount' });
      simulator.counters.reset();
      expect((await run(credentials, READ, { a: acmeCoffeeOA.appid })).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
      expect(simulator.counters.calls()).toBe(0);
    });

    it('a read-only key cannot unbind', async () => {
      const result = await run({ 'x-api-key': READER_KEY }, UNBIND, { a: acmeCoffeeOA.appid, o: ACME_OPEN });
      expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
      expect(simulator.counters.calls()).toBe(0);
    });

    it('an unknown key → UNAUTHENTICATED', async () => {
      for (const key of [`${BILLING_KEY}x`, BILLING_KEY.slice(0, -1), 'wxgw_', ' ']) {
        const response = await gateway.send({ body: JSON.stringify({ query: READ, variables: { a: acmeCoffeeMP.appid } }), headers: { 'content-type': 'application/json', 'x-api-key': key } });
        expect(response.status).toBe(401);
      }
      expect(simulator.counters.calls()).toBe(0);
    });
  });

  describe('the audit trail: one event per mutation', () => {
    it('writes one event per mutation: caller, appid, openAppid, result type, errcode, request id, duration; no credential', async () => {
      gateway.logs.length = 0;
      const credentials = { 'x-api-key': BILLING_KEY };
      await run(credentials, UNBIND, { a: acmeCoffeeMP.appid, o: DEMO_OPEN_ACCOUNTS.boltBikesApi.openAppid }); // a WeChat error
      await run(credentials, UNBIND, { a: acmeCoffeeMP.appid, o: ACME_OPEN }); // success
      await run(credentials, UNBIND, { a: acmeCoffeeOA.appid, o: ACME_OPEN }); // forbidden
      await run(credentials, 'mutation { unbindOpenAccount(appid: "wx/../1", openAppid: "x") { __typename } }', {}); // forbidden, hostile appid
      const events = gateway.logs.map((line) => JSON.parse(line)).filter((entry) => entry.audit === true);
      expect(events).toHaveLength(4);
      expect(events[0]).toMatchObject({
        event: 'mutation',
        field: 'unbindOpenAccount',
        caller: 'api-key:billing-service',
        appid: acmeCoffeeMP.appid,
        openAppid: DEMO_OPEN_ACCOUNTS.boltBikesApi.openAppid,
        result: expect.stringMatching(/Error$/),
        errcode: expect.any(Number),
        requestId: expect.any(String),
        durationMs: expect.any(Number),
      });
      expect(events[1]).toMatchObject({ result: 'UnbindOpenAccountSuccess', errcode: null, verifiedByRead: false });
      expect(events[2]).toMatchObject({ caller: 'api-key:billing-service', appid: acmeCoffeeOA.appid, result: 'FORBIDDEN' });
      expect(events[3]).toMatchObject({ appid: '<invalid>', result: 'FORBIDDEN' });
      const text = gateway.logs.join('\n');
      expect(text).not.toContain(BILLING_KEY);
      expect(text).not.toContain(TEST_JWT_SECRET);
    });
  });
});
