import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { authChecker } from './authorization';
import { DiagnosticsResolver } from './diagnostics/diagnostics.resolver';
import { guardService } from './federation-access';
import { OpenAccountResolver } from './open-account/open-account.resolver';
import { checkRepresentations, resolveWeChatAppReference } from './open-account/wechat-app.reference';
import { WeChatAppQueries } from './open-account/wechat-app.queries';
import { WeChatAppResolver } from './open-account/wechat-app.resolver';
import { WeChatApp } from './open-account/wechat-app.types';

export interface SchemaOptions {
  /** The most representations one `_entities` call may ask for. */
  readonly maxEntityRepresentations: number;
}

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/**
 * The one place the schema is assembled (the server, the SDL emitter and the tests all use it):
 * the code-first type-graphql schema, made a Federation 2 subgraph. Printed with directives,
 * as graphql-js's printSchema would drop `@key`.
 */
export async function buildGatewaySchema(options: SchemaOptions = { maxEntityRepresentations: 500 }): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [OpenAccountResolver, DiagnosticsResolver, WeChatAppResolver, WeChatAppQueries],
    orphanedTypes: [WeChatApp],
    // Arguments are checked by their own decorators (AppIdArg); no class-validator pass needed.
    validate: false,
    // Scopes and appid entitlements of @Authorized fields (src/auth/auth-checker.ts).
    authChecker,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  const subgraph = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: { ...resolvers, WeChatApp: { ...resolvers['WeChatApp'], __resolveReference: resolveWeChatAppReference } } as never,
  });
  guardEntities(subgraph, options.maxEntityRepresentations);
  guardService(subgraph);
  return subgraph;
}

/** `_entities` is built by @apollo/subgraph; its arguments are checked before it runs. */
function guardEntities(schema: GraphQLSchema, max: number): void {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
  if (field === undefined || resolve === undefined) throw new Error('the subgraph schema has no _entities resolver');
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    checkRepresentations(args.representations, max);
    return resolve(source, args, context, info);
  };
}
