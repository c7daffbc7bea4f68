import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { request } from 'undici';
import { SUBGRAPH_FILE } from '../../src/graphql/print-schema';
import type { Simulator } from '../../src/simulator';
import { MERCHANTS_SDL, startMerchantsSubgraph } from '../support/merchants-subgraph';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const GET = '/cgi-bin/open/get';
const CAP = 5;
const SUBJECT = 'Federated Retail Ltd.';
/** 50 distinct apps, each listed twice: 100 apps in the merchant's list. */
const APPIDS = Array.from({ length: 50 }, (_, i) => `wxfed${i.toString(16).padStart(13, '0')}`);
const LISTED = [...APPIDS, ...APPIDS];

const SUPERGRAPH_QUERY = `
  query($id: ID!) {
    merchant(id: $id) {
      name
      apps {
        appid
        name
        openAccount { __typename ... on OpenAccount { openAppid } }
      }
    }
  }
`;

interface Served { url: string; stop(): Promise<void> }

async function serveGateway(gateway: ApolloGateway): Promise<Served> {
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.statusCode, body: (await response.body.json()) as { data?: any; errors?: any[] } };
}

describe('federation: a supergraph of this subgraph and a merchants subgraph reads each app once', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let subgraph: TestGateway;
  let merchants: Served;
  let openAppid: string;

  beforeAll(async () => {
    simulator = await harness.simulator();
    const secrets: Record<string, string> = {};
    APPIDS.forEach((appid, i) => {
      secrets[appid] = `secret${i}`;
      simulator.state.accounts.addAccount({ appid, secret: secrets[appid]!, subject: SUBJECT, name: `Store ${i}` });
    });
    openAppid = simulator.state.accounts.addOpenAccount({ subject: SUBJECT, members: APPIDS });
    subgraph = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify(secrets), WECHAT_READ_CONCURRENCY: String(CAP) } });
    const started = await startMerchantsSubgraph(
      [{ id: 'm1', name: 'Federated Retail', apps: LISTED }],
      new Map(APPIDS.map((appid, i) => [appid, `Store ${i}`])),
    );
    merchants = harness.adopt('merchants subgraph', started.url, started, () => started.stop());
  });

  beforeEach(() => simulator.counters.reset());

  it('composes from the committed SDL, and a query for 100 apps (50 repeated) makes 50 upstream reads, at most the cap at once', async () => {
    const composed = composeServices([
      { name: 'openaccount', typeDefs: parse(readFileSync(SUBGRAPH_FILE, 'utf8')), url: subgraph.url },
      { name: 'merchants', typeDefs: parse(MERCHANTS_SDL), url: merchants.url },
    ]);
    expect(composed.errors).toBeUndefined();
    const router = await serveGateway(new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }));
    // Slow reads overlap, so the cap is what limits them (an instant upstream never overlaps).
    simulator.faults.inject({ path: GET, kind: 'delay', ms: 20, times: Infinity });
    try {
      const { body } = await post(router.url, SUPERGRAPH_QUERY, { id: 'm1' });
      expect(body.errors).toBeUndefined();
      const apps = body.data.merchant.apps as Array<{ appid: string; name: string; openAccount: unknown }>;
      expect(apps).toHaveLength(100);
      apps.forEach((app, i) => {
        expect(app).toEqual({
          appid: LISTED[i],
          name: `Store ${APPIDS.indexOf(LISTED[i]!)}`,
          openAccount: { __typename: 'OpenAccount', openAppid },
        });
      });
      expect(simulator.counters.calls(GET)).toBe(50);
      expect(simulator.counters.maxConcurrent(GET)).toBe(CAP);
    } finally {
      simulator.faults.clear();
      await router.stop();
    }
  });

  it('composes by introspection too (IntrospectAndCompose)', async () => {
    const router = await serveGateway(
      new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: [
            { name: 'openaccount', url: subgraph.url },
            { name: 'merchants', url: merchants.url },
          ],
        }),
      }),
    );
    try {
      const { body } = await post(router.url, SUPERGRAPH_QUERY, { id: 'm1' });
      expect(body.data.merchant.apps[0]).toMatchObject({ name: 'Store 0', openAccount: { __typename: 'OpenAccount' } });
    } finally {
      await router.stop();
    }
  });

  it('serves the committed SDL at _service', async () => {
    const { body } = await post(subgraph.url, '{ _service { sdl } }');
    expect(`${body.data._service.sdl.trimEnd()}\n`).toBe(readFileSync(SUBGRAPH_FILE, 'utf8'));
  });

  describe('_entities called directly resolves WeChatApp through the loader, and refuses bad representations', () => {
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on WeChatApp { appid openAccount { __typename } } } }';

    it('resolves WeChatApp representations through the loader', async () => {
      const { body } = await post(subgraph.url, ENTITIES, { r: [APPIDS[0], APPIDS[1], APPIDS[0]].map((appid) => ({ __typename: 'WeChatApp', appid })) });
      expect(body.data._entities).toHaveLength(3);
      expect(simulator.counters.calls(GET)).toBe(2);
    });

    it.each([
      ['a missing appid', [{ __typename: 'WeChatApp' }], /representations\[0\]\.appid/],
      ['a hostile appid', [{ __typename: 'WeChatApp', appid: 'wx1&access_token=x' }], /representations\[0\]\.appid/],
      ['an unknown type', [{ __typename: 'Merchant', id: 'm1' }], /representations\[0\] must have __typename "WeChatApp"/],
      ['a non-object', ['wx1'], /representations\[0\]/],
      ['too many representations', Array.from({ length: 501 }, () => ({ __typename: 'WeChatApp', appid: 'wx1' })), /501 representations.*at most 500/],
    ])('refuses %s with a clear error and no upstream call', async (_, representations, message) => {
      const { status, body } = await post(subgraph.url, ENTITIES, { r: representations });
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(message);
      expect(simulator.counters.calls()).toBe(0);
    });
  });
});
