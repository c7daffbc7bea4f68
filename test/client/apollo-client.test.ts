/**
 * Apollo Client's InMemoryCache, configured only from the client kit, against the real gateway
 * over HTTP: every error member keeps every field through the shared ErrorFields fragment, and a
 * change's `app` updates an earlier read of the app without a refetch.
 */
import { ApolloClient, HttpLink, InMemoryCache, type DocumentNode } from '@apollo/client';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiQuotaDocument,
  AppDocument,
  AppsDocument,
  ClearApiQuotaDocument,
  WeChatRequestDocument,
  authorization,
  BindOpenAccountWithAppDocument,
  cacheConfig,
  UnbindOpenAccountWithAppDocument,
  typePolicies,
  possibleTypes,
} from '../../client';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const UNBIND = '/cgi-bin/open/unbind';
const { acmeCoffeeOA, acmeTeaOA, acmeBakeryMP, boltBikesOA, frozenFoodsOA, lockedOutOA } = DEMO_ACCOUNTS;
const { acmeApi, acmeConsole, boltBikesApi, frozenFoodsApi } = DEMO_OPEN_ACCOUNTS;
const NO_CREDENTIALS = 'wx0000000000000042';
const SCHEMA: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** The fields ErrorFields reads under another name (see error-fields.graphql). */
const ALIASES: Record<string, Record<string, string>> = { OpenAccountNotBoundError: { fetchedAt: 'notBoundAt' } };

/** Every field the schema gives the member's type, each present (null allowed) in what the client got. */
function expectEveryField(member: Record<string, unknown>): void {
  const type = SCHEMA.getType(String(member['__typename']));
  if (!isObjectType(type)) throw new Error(`${String(member['__typename'])} is not an object type`);
  const missing = Object.keys(type.getFields()).filter((field) => !((ALIASES[type.name]?.[field] ?? field) in member));
  expect({ typename: type.name, missing }).toEqual({ typename: type.name, missing: [] });
}

describe('Apollo Client with the client kit against the gateway', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let token: string;

  const newClient = (cache = new InMemoryCache(cacheConfig), uri = gateway.url) =>
    new ApolloClient({ link: new HttpLink({ uri, headers: authorization(token) }), cache });

  const harness = useHarness('all');
  beforeAll(async () => {
    // One upstream slot and no queue, so a hanging call makes the next one OverloadedError.
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET, WECHAT_MAX_IN_FLIGHT: '1', WECHAT_MAX_QUEUE: '0', OPERATION_TIMEOUT_MS: '3000' }));
    token = await signToken({ sub: 'console', appids: '*', scope: 'openaccount:read openaccount:write wechat:diagnose' });
  });
  beforeEach(() => {
    simulator.faults.clear();
    simulator.counters.reset();
  });

  describe('every error member reads every field through ErrorFields', () => {
    const seen = new Set<string>();
    afterAll(() => {
      // Every concrete GatewayError type of the schema was read by one of the cases below.
      expect([...seen].sort()).toEqual([...(possibleTypes['GatewayError'] ?? [])].sort());
    });

    const read = async (client: ApolloClient, appid: string) => {
      const { data } = await client.query({ query: AppDocument, variables: { appid }, fetchPolicy: 'network-only' });
      return data!.app.openAccount as unknown as Record<string, unknown>;
    };
    const change = async (document: DocumentNode, field: string, variables: Record<string, string>) => {
      const { data } = await newClient().mutate({ mutation: document, variables });
      return (data as Record<string, Record<string, unknown>>)[field]!;
    };
    const unbind = (appid: string, openAppid: string) => change(UnbindOpenAccountWithAppDocument, 'unbindOpenAccount', { appid, openAppid });
    const quota = async (appid: string, cgiPath: string) =>
      (await newClient().query({ query: ApiQuotaDocument, variables: { appid, cgiPath }, fetchPolicy: 'network-only' })).data!.apiQuota as unknown as Record<string, unknown>;
    const lookUp = async (appid: string, rid: string) =>
      (await newClient().query({ query: WeChatRequestDocument, variables: { appid, rid }, fetchPolicy: 'network-only' })).data!.wechatRequest as unknown as Record<string, unknown>;
    const bind = (appid: string, openAppid: string) => change(BindOpenAccountWithAppDocument, 'bindOpenAccount', { appid, openAppid });

    it.each([
      ['OpenAccountNotBoundError', () => read(newClient(), acmeBakeryMP.appid)],
      ['NoCredentialsError', () => read(newClient(), NO_CREDENTIALS)],
      ['InvalidAppIdError', () => unbind(acmeCoffeeOA.appid, 'wxo0000000000000000')],
      ['SubjectMismatchError', () => unbind(boltBikesOA.appid, acmeApi.openAppid)],
      ['OpenAccountNotCreatedByApiError', () => unbind(acmeTeaOA.appid, acmeConsole.openAppid)],
      ['OpenAccountLimitExceededError', () => unbind(frozenFoodsOA.appid, frozenFoodsApi.openAppid)],
      ['OtherWeChatError', () => unbind(lockedOutOA.appid, acmeApi.openAppid)],
      ['AccountAlreadyBoundError', () => bind(acmeCoffeeOA.appid, boltBikesApi.openAppid)],
      ['OpenAccountNotBindableError', () => bind(acmeBakeryMP.appid, acmeConsole.openAppid)],
      ['InvalidCgiPathError', () => quota(acmeCoffeeOA.appid, '/cgi-bin/open/nothing')],
      ['CgiPathNotQueryableError', () => quota(acmeCoffeeOA.appid, '/cgi-bin/component/api_query_auth')],
      ['RequestIdNotFoundError', () => lookUp(acmeCoffeeOA.appid, '6b0f2540-00000000-00000000')],
      ['InvalidRequestIdError', () => lookUp(acmeCoffeeOA.appid, 'not-a-wechat-rid')],
      [
        'RequestIdNotPermittedError',
        async () => {
          const refused = await unbind(boltBikesOA.appid, acmeApi.openAppid); // 89001, with the rid WeChat kept
          return lookUp(acmeCoffeeOA.appid, String(refused['requestId']));
        },
      ],
      [
        'QuotaClearLimitReachedError',
        async () => {
          // 10 resets a month; the 11th is refused.
          for (let i = 0; i < 10; i += 1) expect((await change(ClearApiQuotaDocument, 'clearApiQuota', { appid: frozenFoodsOA.appid }))['__typename']).toBe('ClearApiQuotaSuccess');
          return change(ClearApiQuotaDocument, 'clearApiQuota', { appid: frozenFoodsOA.appid });
        },
      ],
      [
        'WeChatUnavailableError',
        () => {
          simulator.faults.inject({ path: GET, kind: 'http500', times: Infinity });
          return read(newClient(), acmeCoffeeOA.appid);
        },
      ],
      [
        'OutcomeUnknownError',
        () => {
          simulator.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
          simulator.faults.inject({ path: GET, kind: 'http500', times: Infinity });
          return unbind(acmeCoffeeOA.appid, acmeApi.openAppid);
        },
      ],
    ])('%s', async (typename, produce) => {
      const member = await produce();
      expect(member['__typename']).toBe(typename);
      expect(typeof member['message']).toBe('string');
      expectEveryField(member);
      seen.add(typename);
    });

    it('OverloadedError: two reads in one operation, the only upstream slot held by the first, hanging', async () => {
      simulator.faults.inject({ path: GET, kind: 'hang', times: 1 });
      const { data } = await newClient().query({ query: AppsDocument, variables: { appids: [acmeTeaOA.appid, acmeCoffeeOA.appid] }, fetchPolicy: 'network-only' });
      const members = data!.apps.map((app) => app.openAccount as unknown as Record<string, unknown>);
      const member = members.find((m) => m['__typename'] === 'OverloadedError')!;
      expect(member).toBeDefined();
      expect(member['retryAfterSeconds']).toEqual(expect.any(Number));
      expectEveryField(member);
      seen.add('OverloadedError');
      expect(members.map((m) => m['__typename']).sort()).toEqual(['OverloadedError', 'WeChatUnavailableError']);
    });

    it('CredentialStoreUnavailableError: a gateway whose Redis is down', async () => {
      const broken = await harness.gateway({
        wechat: simulator,
        env: { WECHAT_APPS: JSON.stringify(demoCredentials()), AUTH_JWT_SECRET: TEST_JWT_SECRET, REDIS_URL: 'redis://127.0.0.1:1' },
      });
      try {
        const member = await read(newClient(new InMemoryCache(cacheConfig), broken.url), acmeCoffeeOA.appid);
        expect(member['__typename']).toBe('CredentialStoreUnavailableError');
        expectEveryField(member);
        seen.add('CredentialStoreUnavailableError');
      } finally {
        await broken.stop();
      }
    });

    it('without the kit\'s possibleTypes the same cache drops the error fields (why the kit ships them)', async () => {
      const member = await read(newClient(new InMemoryCache({ typePolicies })), acmeBakeryMP.appid);
      expect(member).toEqual({ __typename: 'OpenAccountNotBoundError' });
    });
  });

  describe('a change updates an earlier read of the app', () => {
    it('an app read by apps(appids) answers app(appid) from the cache', async () => {
      const client = newClient();
      await client.query({ query: AppsDocument, variables: { appids: [acmeTeaOA.appid, acmeBakeryMP.appid] } });
      simulator.counters.reset();
      const { data } = await client.query({ query: AppDocument, variables: { appid: acmeTeaOA.appid } });
      expect(data?.app.openAccount).toMatchObject({ __typename: 'OpenAccount', openAppid: acmeConsole.openAppid });
      expect(simulator.counters.calls()).toBe(0);
    });

    it('an unbind moves the cached app(appid) to OpenAccountNotBoundError, with no refetch', async () => {
      const warnings: unknown[] = [];
      const warn = jest.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args));
      // The OutcomeUnknownError case above applied its unbind.
      if (simulator.state.accounts.openAppidOf(acmeCoffeeOA.appid) === undefined) simulator.state.accounts.bindDirect(acmeCoffeeOA.appid, acmeApi.openAppid);
      const client = newClient();
      const before = await client.query({ query: AppDocument, variables: { appid: acmeCoffeeOA.appid } });
      expect(before.data?.app.openAccount).toEqual({ __typename: 'OpenAccount', appid: acmeCoffeeOA.appid, openAppid: acmeApi.openAppid });
      const watched: string[] = [];
      const subscription = client.watchQuery({ query: AppDocument, variables: { appid: acmeCoffeeOA.appid } }).subscribe(({ data }) => {
        const typename = data?.app?.openAccount?.__typename;
        if (typename !== undefined) watched.push(typename);
      });
      simulator.counters.reset();

      const { data } = await client.mutate({ mutation: UnbindOpenAccountWithAppDocument, variables: { appid: acmeCoffeeOA.appid, openAppid: acmeApi.openAppid } });
      expect(data?.unbindOpenAccount.__typename).toBe('UnbindOpenAccountSuccess');
      // The only upstream calls: the unbind and the read of its success's `app`.
      expect({ unbind: simulator.counters.calls(UNBIND), get: simulator.counters.calls(GET) }).toEqual({ unbind: 1, get: 1 });

      const after = client.readQuery({ query: AppDocument, variables: { appid: acmeCoffeeOA.appid } });
      expect(after?.app.openAccount).toMatchObject({ __typename: 'OpenAccountNotBoundError', errcode: 89002, retryable: false });
      // A cache-first read answers from the cache: nothing more reaches WeChat.
      const again = await client.query({ query: AppDocument, variables: { appid: acmeCoffeeOA.appid } });
      expect(again.data?.app.openAccount.__typename).toBe('OpenAccountNotBoundError');
      expect(simulator.counters.calls(GET)).toBe(1);
      // The page's live query saw the change.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(watched.at(-1)).toBe('OpenAccountNotBoundError');
      subscription.unsubscribe();
      expect(Object.keys(client.cache.extract() as object)).toContain(`WeChatApp:{"appid":"${acmeCoffeeOA.appid}"}`);
      // Nothing in the round trip made Apollo Client warn (missing fields, data lost on a merge).
      warn.mockRestore();
      expect(warnings).toEqual([]);
    });
  });
});
