/**
 * The README's other client recipes, each run against the gateway over HTTP: urql (GET with the
 * preflight header, or POST; graphcache keyed from the client kit) and graphql-request.
 */
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from '@urql/core';
import { GraphQLClient } from 'graphql-request';
import {
  AppDocument,
  authorization,
  graphcacheKeys,
  graphcacheSchema,
  PREFLIGHT_HEADER,
  UnbindOpenAccountDocument,
  UnbindOpenAccountWithAppDocument,
} from '../../client';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

describe('other clients, as the README shows them', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let token: string;

  const harness = useHarness('all');
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET }));
    token = await signToken({ sub: 'frontend', appids: '*', scope: 'openaccount:read openaccount:write' });
  });
  beforeEach(() => simulator.counters.reset());

  describe('urql', () => {
    it('its default (queries as GET) is refused by CSRF prevention, with a message that says what to do', async () => {
      const client = new Client({ url: gateway.url, exchanges: [fetchExchange], fetchOptions: () => ({ headers: authorization(token) }) });
      const result = await client.query(AppDocument, { appid: acmeCoffeeOA.appid }).toPromise();
      expect(result.error?.message).toMatch(/Refused by CSRF prevention.*preferGetMethod: false.*apollo-require-preflight/);
      expect(simulator.counters.calls()).toBe(0);
    });

    it('GET with the preflight header is served', async () => {
      const client = new Client({ url: gateway.url, exchanges: [fetchExchange], fetchOptions: () => ({ headers: { ...PREFLIGHT_HEADER, ...authorization(token) } }) });
      const result = await client.query(AppDocument, { appid: acmeCoffeeOA.appid }).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data?.app.openAccount).toMatchObject({ __typename: 'OpenAccount', openAppid: ACME_OPEN });
    });

    it('graphcache with the kit\'s keys and schema, over POST: no warnings, every error field, and an unbind updates the earlier read', async () => {
      const warnings: unknown[] = [];
      const warn = jest.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args));
      try {
        const client = new Client({
          url: gateway.url,
          preferGetMethod: false,
          exchanges: [cacheExchange({ keys: graphcacheKeys, schema: graphcacheSchema }), fetchExchange],
          fetchOptions: () => ({ headers: authorization(token) }),
        });
        const unbound = await client.query(AppDocument, { appid: acmeBakeryMP.appid }).toPromise();
        expect(unbound.data?.app.openAccount).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002, retryable: false, message: expect.any(String) });

        const before = await client.query(AppDocument, { appid: acmeCoffeeMP.appid }).toPromise();
        expect(before.data?.app.openAccount.__typename).toBe('OpenAccount');
        simulator.counters.reset();
        const change = await client.mutation(UnbindOpenAccountWithAppDocument, { appid: acmeCoffeeMP.appid, openAppid: ACME_OPEN }).toPromise();
        expect(change.data?.unbindOpenAccount.__typename).toBe('UnbindOpenAccountSuccess');
        const after = await client.query(AppDocument, { appid: acmeCoffeeMP.appid }, { requestPolicy: 'cache-only' }).toPromise();
        expect(after.data?.app.openAccount.__typename).toBe('OpenAccountNotBoundError');
        expect(simulator.counters.calls(GET)).toBe(1); // the change's own `app`, no refetch
        expect(warnings).toEqual([]);
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('graphql-request', () => {
    it('sends POST with the auth header and returns the typed union member', async () => {
      const client = new GraphQLClient(gateway.url, { headers: authorization(token) });
      const { unbindOpenAccount } = await client.request(UnbindOpenAccountDocument, { appid: acmeCoffeeOA.appid, openAppid: 'wxo0000000000000000' });
      expect(unbindOpenAccount).toMatchObject({ __typename: 'InvalidAppIdError', errcode: 40013, retryable: false });
    });

    it('without the token: UNAUTHENTICATED, thrown as a ClientError', async () => {
      const client = new GraphQLClient(gateway.url);
      await expect(client.request(AppDocument, { appid: acmeCoffeeOA.appid })).rejects.toMatchObject({ response: { status: 401 } });
    });
  });
});
