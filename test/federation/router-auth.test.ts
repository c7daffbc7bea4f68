/**
 * A router in front of the gateway must forward the caller's Authorization: the README's Apollo
 * Gateway recipe (RemoteGraphQLDataSource.willSendRequest) and Hive Gateway recipe
 * (propagateHeaders), each composed from the committed SDL, against the gateway requiring JWTs.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { request } from 'undici';
import { SUBGRAPH_FILE } from '../../src/graphql/print-schema';
import { DEMO_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const QUERY = 'query($a: String!) { app(appid: $a) { appid openAccount { __typename } } }';
const { acmeCoffeeOA } = DEMO_ACCOUNTS;

interface RouterContext {
  readonly authorization?: string;
}

/** The README's recipe: take the header from the client's request, put it on every subgraph request. */
class ForwardAuthorization extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<RouterContext>['willSendRequest']>>[0]): void {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

function compose(subgraphUrl: string): string {
  const { supergraphSdl, errors } = composeServices([{ name: 'openaccount', typeDefs: parse(readFileSync(SUBGRAPH_FILE, 'utf8')), url: subgraphUrl }]);
  if (errors?.length || supergraphSdl === undefined) throw new Error(`composition failed: ${errors?.map((e) => e.message).join('; ')}`);
  return supergraphSdl;
}

/**
 * Hive Gateway's runtime, loaded without its type declarations: they augment graphql-js's
 * GraphQLErrorExtensions with an `http` shape that contradicts Apollo Server's, which would break
 * the type check of src/. The options used here are the documented ones.
 */
interface HiveRuntime {
  createGatewayRuntime(options: {
    supergraph: string;
    logging: boolean;
    propagateHeaders?: { fromClientToSubgraphs(payload: { request: Request }): Record<string, string | undefined> };
  }): RequestListener & { dispose(): Promise<void> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as HiveRuntime;

/** Hive Gateway as a Node HTTP server; with `forward`, the README's propagateHeaders. */
async function startHiveGateway(subgraphUrl: string, forward: boolean) {
  const gateway = createGatewayRuntime({
    supergraph: compose(subgraphUrl),
    logging: false,
    ...(forward ? { propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }) } } : {}),
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}

async function startRouter(subgraphUrl: string, forward: boolean) {
  const supergraphSdl = compose(subgraphUrl);
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ url }) => (forward ? new ForwardAuthorization({ url }) : new RemoteGraphQLDataSource({ url })) });
  const server = new ApolloServer<RouterContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }: { req: IncomingMessage }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  });
  return { url, stop: () => server.stop() };
}

async function post(url: string, headers: Record<string, string>) {
  const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY, variables: { a: acmeCoffeeOA.appid } }) });
  return (await response.body.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/**
 * The demo gateway as a subgraph that requires a JWT, started once for the suite, and a reader's
 * token for it; read the fields inside tests (they are set in beforeAll).
 */
function useJwtSubgraph(): { simulator: () => Simulator; subgraph: () => TestGateway; token: () => string } {
  const harness = useHarness('all');
  let simulator: Simulator;
  let subgraph: TestGateway;
  let token: string;
  beforeAll(async () => {
    ({ simulator, gateway: subgraph } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET }));
    token = await signToken({ sub: 'frontend', appids: [acmeCoffeeOA.appid], scope: 'openaccount:read' });
  });
  return { simulator: () => simulator, subgraph: () => subgraph, token: () => token };
}

describe('Apollo Gateway in front of the gateway: the Authorization header', () => {
  const { simulator, subgraph, token } = useJwtSubgraph();

  it('forwarded by willSendRequest: the caller is known and served', async () => {
    const router = await startRouter(subgraph().url, true);
    try {
      const result = await post(router.url, { authorization: `Bearer ${token()}` });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ app: { appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount' } } });
    } finally {
      await router.stop();
    }
  });

  it('not forwarded (the default): the subgraph sees no caller and refuses, nothing reaches WeChat', async () => {
    const router = await startRouter(subgraph().url, false);
    try {
      simulator().counters.reset();
      const result = await post(router.url, { authorization: `Bearer ${token()}` });
      expect(result.data ?? null).toBeNull();
      expect(JSON.stringify(result.errors)).toMatch(/UNAUTHENTICATED|Unauthenticated/);
      expect(simulator().counters.calls()).toBe(0);
    } finally {
      await router.stop();
    }
  });
});

describe('Hive Gateway in front of the gateway: the Authorization header', () => {
  const { simulator, subgraph, token } = useJwtSubgraph();

  it('with propagateHeaders: the caller is known and served', async () => {
    const hive = await startHiveGateway(subgraph().url, true);
    try {
      const result = await post(hive.url, { authorization: `Bearer ${token()}` });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ app: { appid: acmeCoffeeOA.appid, openAccount: { __typename: 'OpenAccount' } } });
    } finally {
      await hive.stop();
    }
  });

  it('without it (the default): the header is dropped, the subgraph refuses, nothing reaches WeChat', async () => {
    const hive = await startHiveGateway(subgraph().url, false);
    try {
      simulator().counters.reset();
      const result = await post(hive.url, { authorization: `Bearer ${token()}` });
      expect(result.data?.['app'] ?? null).toBeNull();
      expect(JSON.stringify(result.errors)).toMatch(/UNAUTHENTICATED|Unauthenticated/);
      expect(simulator().counters.calls()).toBe(0);
    } finally {
      await hive.stop();
    }
  });
});
