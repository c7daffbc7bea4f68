import { GraphQLError, type OperationDefinitionNode } from 'graphql';

/**
 * This service answers queries and mutations. graphql-js would fail a `subscription` during
 * execution ("Schema is not configured to execute subscription operation"), which Apollo reports
 * as an internal error; it is the client's mistake, so it is refused before execution with 400
 * and `BAD_REQUEST`.
 */
export function refuseSubscription(operation: OperationDefinitionNode | undefined): void {
  if (operation?.operation !== 'subscription') return;
  throw new GraphQLError('Subscriptions are not supported: this service answers queries and mutations.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}
