/**
 * The client kit's idempotency keys through Apollo Client, against the real gateway over HTTP:
 * `idempotencyLink` sends the key of a mutation's context as `Idempotency-Key`, so the same
 * user action sent twice changes WeChat once and the second answer is the first, replayed.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import {
  AppDocument,
  cacheConfig,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyLink,
  newIdempotencyKey,
  UnbindOpenAccountWithAppDocument,
  withIdempotencyKey,
} from '../../client';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const UNBIND = '/cgi-bin/open/unbind';
const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;

describe('idempotency keys from the client kit', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  /** What each request sent as Idempotency-Key, and whether its answer was a replay. */
  let exchanges: { key: string | null; replayed: string | null }[];

  /** Apollo Client as the README sets it up: idempotencyLink before HttpLink, a fresh cache each time. */
  const newClient = () => {
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      exchanges.push({ key: new Headers(init?.headers).get(IDEMPOTENCY_KEY_HEADER), replayed: response.headers.get(IDEMPOTENT_REPLAYED_HEADER) });
      return response;
    };
    return new ApolloClient({ link: ApolloLink.from([idempotencyLink, new HttpLink({ uri: gateway.url, fetch: recordingFetch })]), cache: new InMemoryCache(cacheConfig) });
  };
  const unbind = (appid: string, key: string) =>
    newClient().mutate({ mutation: UnbindOpenAccountWithAppDocument, variables: { appid, openAppid: ACME_OPEN }, context: withIdempotencyKey(key) });

  const harness = useHarness('all');
  beforeEach(async () => {
    ({ simulator, gateway } = await harness.demo());
    exchanges = [];
  });

  it('newIdempotencyKey makes a new, well-formed key each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[ -~]{1,255}$/);
  });

  it('without crypto.randomUUID (a page that is not a secure context) the key is still a random UUID', () => {
    const { crypto } = globalThis;
    const randomUUID = jest.spyOn(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      randomUUID.mockRestore();
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });

  it('the same key twice: one WeChat unbind, and the second answer is the first, replayed', async () => {
    const key = newIdempotencyKey();
    const first = await unbind(acmeCoffeeOA.appid, key);
    const second = await unbind(acmeCoffeeOA.appid, key);
    expect(first.data?.unbindOpenAccount.__typename).toBe('UnbindOpenAccountSuccess');
    expect(second.data).toEqual(first.data);
    expect(simulator.counters.calls(UNBIND)).toBe(1);
    expect(exchanges).toEqual([
      { key, replayed: null },
      { key, replayed: 'true' },
    ]);
  });

  it('a new key is a new action: it runs, and WeChat answers it', async () => {
    await unbind(acmeCoffeeOA.appid, newIdempotencyKey());
    const again = await unbind(acmeCoffeeOA.appid, newIdempotencyKey());
    expect(again.data?.unbindOpenAccount.__typename).toBe('OpenAccountNotBoundError');
    expect(simulator.counters.calls(UNBIND)).toBe(2);
    expect(exchanges.map((e) => e.replayed)).toEqual([null, null]);
  });

  it('a retryable refusal (WeChat busy, -1) is not kept: a retry with the same key runs and applies once', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, errmsg: 'system error', times: Infinity });
    const key = newIdempotencyKey();
    const busy = await unbind(acmeCoffeeMP.appid, key);
    expect(busy.data?.unbindOpenAccount).toMatchObject({ __typename: 'OtherWeChatError', errcode: -1, retryable: true });
    simulator.faults.clear();
    const retried = await unbind(acmeCoffeeMP.appid, key);
    expect(retried.data?.unbindOpenAccount.__typename).toBe('UnbindOpenAccountSuccess');
    expect(simulator.counters.applied(UNBIND)).toBe(1);
    expect(exchanges).toEqual([
      { key, replayed: null },
      { key, replayed: null },
    ]);
  });

  it('no key in the context, or a query: no Idempotency-Key is sent', async () => {
    const client = newClient();
    await client.query({ query: AppDocument, variables: { appid: acmeCoffeeOA.appid }, context: withIdempotencyKey(newIdempotencyKey()) });
    await client.mutate({ mutation: UnbindOpenAccountWithAppDocument, variables: { appid: acmeCoffeeOA.appid, openAppid: ACME_OPEN } });
    expect(exchanges.map((e) => e.key)).toEqual([null, null]);
  });
});
