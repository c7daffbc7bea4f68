import { print } from 'graphql';
import { AppDocument, AppsDocument } from '../../client';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const APPS = 'query($a: [String!]!) { apps(appids: $a) { appid openAccount { __typename } } }';

describe('app(appid) and apps(appids): the app as an entity a cache can key', () => {
  let simulator: Simulator;
  let gateway: TestGateway;

  const harness = useHarness('all');
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET }));
  });
  beforeEach(() => simulator.counters.reset());

  const bearer = async (appids: unknown) => ({ authorization: `Bearer ${await signToken({ sub: 'frontend-user', appids, scope: 'openaccount:read' })}` });
  async function run(query: string, variables: object, headers: Record<string, string>) {
    const response = await gateway.send({ body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', ...headers } });
    expect(response.status).toBeLessThan(500);
    return JSON.parse(response.text) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] };
  }

  it('app(appid) reads the open account through the loader, once', async () => {
    const query = `query($a: String!) { one: app(appid: $a) { appid openAccount { __typename ... on OpenAccount { openAppid } } } two: app(appid: $a) { openAccount { __typename } } }`;
    const result = await run(query, { a: acmeCoffeeOA.appid }, await bearer('*'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      one: { appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount', openAppid: ACME_OPEN } },
      two: { openAccount: { __typename: 'OpenAccount' } },
    });
    expect(simulator.counters.calls(GET)).toBe(1);
  });

  it('apps(appids) answers in the order asked, each distinct appid read once', async () => {
    const appids = [acmeCoffeeOA.appid, acmeBakeryMP.appid, acmeCoffeeOA.appid];
    const { data, errors } = await run(APPS, { a: appids }, await bearer('*'));
    expect(errors).toBeUndefined();
    expect(data?.['apps']).toEqual([
      { appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount' } },
      { appid: acmeBakeryMP.appid, openAccount: { __typename: 'OpenAccountNotBoundError' } },
      { appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount' } },
    ]);
    expect(simulator.counters.calls(GET)).toBe(2);
  });

  it('the typed documents of the client kit read the same state', async () => {
    const one = await run(print(AppDocument), { appid: acmeCoffeeOA.appid }, await bearer('*'));
    expect(one.data?.['app']).toEqual({ appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN } });
    const many = await run(print(AppsDocument), { appids: [acmeCoffeeMP.appid] }, await bearer('*'));
    expect(many.data?.['apps']).toEqual([expect.objectContaining({ appid: acmeCoffeeMP.appid })]);
  });

  it('app(appid) of an appid the caller is not entitled to → FORBIDDEN, no upstream call', async () => {
    const result = await run('query($a: String!) { app(appid: $a) { appid } }', { a: acmeBakeryMP.appid }, await bearer([acmeCoffeeOA.appid]));
    expect(result.errors).toEqual([expect.objectContaining({ path: ['app'], extensions: { code: 'FORBIDDEN' } })]);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('apps(appids) with one appid the caller is not entitled to → FORBIDDEN for the list, no upstream call', async () => {
    const result = await run(APPS, { a: [acmeCoffeeOA.appid, acmeBakeryMP.appid] }, await bearer([acmeCoffeeOA.appid]));
    expect(result.errors).toEqual([expect.objectContaining({ path: ['apps'], extensions: { code: 'FORBIDDEN' } })]);
    expect(simulator.counters.calls()).toBe(0);
  });

  it.each([
    ['an item that cannot be an appid', ['wx 1'], /item 0 must be/],
    ['more than 100 appids', Array.from({ length: 101 }, (_, i) => `wx${i}`), /101 appids in one list; at most 100/],
  ])('apps with %s → BAD_USER_INPUT naming appids, nothing sent', async (_, appids, message) => {
    const result = await run(APPS, { a: appids }, await bearer('*'));
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'appids' } })]);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(simulator.counters.calls()).toBe(0);
  });
});
