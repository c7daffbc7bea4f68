import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { endDeadline, type GatewayContext } from './context';
import { refuseSubscription } from './operation-kinds';
import { checkOperationWork, type OperationWorkLimits } from './operation-work';

/**
 * The GraphQL layer's own checks and clean-up of an operation, as one Apollo plugin with one
 * listener shared by every request: subscriptions refused (operation-kinds.ts), the operation's
 * work counted against its caps (operation-work.ts), both once the operation is known and before
 * anything runs; and the deadline's timer ended with the response (context.ts).
 *
 * One plugin rather than three because Apollo pays per plugin and per request: a promise for its
 * `requestDidStart`, a listener, and a place in every hook's Promise.all. Three separate plugins
 * cost 3.3 KB and 15–20 µs a request at saturation (bench/FINDINGS.md).
 */
export function operationPlugin(limits: OperationWorkLimits): ApolloServerPlugin<GatewayContext> {
  const checkWork = checkOperationWork(limits);
  const listener: GraphQLRequestListener<GatewayContext> = {
    async didResolveOperation(requestContext) {
      refuseSubscription(requestContext.operation);
      checkWork(requestContext);
    },
    async willSendResponse({ contextValue }) {
      endDeadline(contextValue);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
