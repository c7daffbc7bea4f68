import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A second, small subgraph for the supergraph tests: it owns merchants and the other fields of
 * WeChatApp (here, a name), as a company's own "merchants" service would.
 */
export const MERCHANTS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    merchant(id: ID!): Merchant
  }

  type Merchant {
    id: ID!
    name: String!
    apps: [WeChatApp!]!
  }

  type WeChatApp @key(fields: "appid") {
    appid: String!
    name: String!
  }
`;

export interface Merchant {
  readonly id: string;
  readonly name: string;
  /** appids, in order; may repeat. */
  readonly apps: readonly string[];
}

export async function startMerchantsSubgraph(merchants: readonly Merchant[], appNames: ReadonlyMap<string, string>) {
  const schema = buildSubgraphSchema({
    typeDefs: parse(MERCHANTS_SDL),
    resolvers: {
      Query: { merchant: (_: unknown, { id }: { id: string }) => merchants.find((m) => m.id === id) ?? null },
      Merchant: { apps: (merchant: Merchant) => merchant.apps.map((appid) => ({ appid })) },
      WeChatApp: {
        __resolveReference: (reference: { appid: string }) => reference,
        name: ({ appid }: { appid: string }) => appNames.get(appid) ?? 'unknown app',
      },
    } as never,
  });
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
