import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { isGatewayError, type GatewayErrorMember } from '../../../client';

/** What the page shows after an action: a union member, GraphQL errors, or no answer at all. */
export type Outcome =
  | { readonly kind: 'success'; readonly typename: string; readonly text: string }
  | { readonly kind: 'member'; readonly member: GatewayErrorMember }
  | { readonly kind: 'graphql'; readonly errors: readonly { message: string; code: string; retryAfterSeconds?: number }[] }
  | { readonly kind: 'network'; readonly message: string };

/** A union member from a result field: its success type (described by `describe`) or an error member. */
export function outcomeOf(member: { __typename: string } & Record<string, unknown>, describe: (success: Record<string, unknown>) => string): Outcome {
  return isGatewayError(member) ? { kind: 'member', member } : { kind: 'success', typename: member.__typename, text: describe(member) };
}

/** Anything the client threw: GraphQL errors (FORBIDDEN, RATE_LIMITED, BAD_USER_INPUT…) or a failed request. */
export function outcomeOfError(error: unknown): Outcome {
  if (CombinedGraphQLErrors.is(error)) {
    return {
      kind: 'graphql',
      errors: error.errors.map((e) => {
        const retryAfter = e.extensions?.['retryAfterSeconds'];
        return { message: e.message, code: String(e.extensions?.['code'] ?? 'UNKNOWN'), ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}) };
      }),
    };
  }
  // A refusal before GraphQL ran (429 RATE_LIMITED, 503 OVERLOADED at the front door) still has a
  // GraphQL-shaped body: show its code and honour its retryAfterSeconds.
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
      if (Array.isArray(body.errors) && body.errors.length > 0) return outcomeOfError(new CombinedGraphQLErrors({ errors: body.errors as never }));
    } catch {
      // not JSON: a plain network failure below
    }
  }
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}
