import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { OpenAccountResolver } from './open-account/open-account.resolver';

/** The one place the schema is assembled: the server, the SDL emitter and the tests all use it. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [OpenAccountResolver],
    // Arguments are checked by their own decorators (AppIdArg); no class-validator pass needed.
    validate: false,
  });
}
