import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { forbidden } from '../auth/caller';
import type { GatewayContext } from './context';

/**
 * The scope of a caller allowed to act as a router (Apollo Router, Apollo Gateway, Hive
 * Gateway): it may read the subgraph SDL (`_service`, which describes every field even when
 * introspection is off) and receive inline traces (`ftv1`, timings of every resolver).
 * Resolving entities (`_entities`) needs only the client's own read scope, which the router
 * forwards in the client's Authorization header.
 */
export const FEDERATION_SCOPE = 'federation';

/** `_service { sdl }` only for callers with the federation scope: FORBIDDEN for anyone else. */
export function guardService(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()['_service'];
  const resolve = field?.resolve as GraphQLFieldResolver<unknown, GatewayContext | undefined> | undefined;
  if (field === undefined || resolve === undefined) throw new Error('the subgraph schema has no _service resolver');
  field.resolve = (source, args, context, info) => {
    if (context?.caller?.scopes.has(FEDERATION_SCOPE) !== true) throw forbidden(`_service needs the scope ${FEDERATION_SCOPE} (routers only), which the caller does not have.`);
    return resolve(source, args, context, info);
  };
}

/**
 * Apollo's inline trace plugin (installed by Apollo for every subgraph, and answering anyone who
 * sends `apollo-federation-include-trace: ftv1`), here only for callers with the federation
 * scope. Being the same internal plugin, it replaces Apollo's own; error messages in traces stay
 * masked (the plugin's default).
 */
export function inlineTracesForRouters(): ApolloServerPlugin<GatewayContext> {
  const inlineTrace = ApolloServerPluginInlineTrace() as ApolloServerPlugin<GatewayContext>;
  return {
    ...inlineTrace,
    async requestDidStart(requestContext) {
      if (!requestContext.contextValue.caller.scopes.has(FEDERATION_SCOPE)) return undefined;
      return inlineTrace.requestDidStart?.(requestContext);
    },
  };
}
