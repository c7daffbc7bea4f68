/**
 * Idempotency keys from a frontend: one key per user action, made when the user clicks and sent
 * again with every retry of that click, so a retry whose first answer was lost on the way back
 * gets that answer (`Idempotent-Replayed: true`) instead of changing WeChat twice. See the
 * README's "Idempotency keys" section.
 */
import { ApolloLink } from '@apollo/client/link';
import { OperationTypeNode } from 'graphql';

/** The request header the gateway reads, and the one that marks a stored answer given again. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * A fresh key for one user action: a random UUID (36 printable ASCII characters). A page served
 * over plain HTTP from a host other than localhost has no `crypto.randomUUID` (it needs a secure
 * context); `getRandomValues` is there in any context, so the key is then made from that.
 */
export function newIdempotencyKey(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The operation context that carries a key: `mutate({ mutation, variables, context: withIdempotencyKey(key) })`.
 * With `idempotencyLink` in the link chain the key becomes the header; without it, use
 * `idempotencyHeaders(key)` as `context.headers` (HttpLink sends those as they are).
 */
export function withIdempotencyKey(key: string): { idempotencyKey: string } {
  return { idempotencyKey: key };
}

/** The header itself, for fetch, graphql-request or `context.headers`. */
export function idempotencyHeaders(key: string): Record<string, string> {
  return { [IDEMPOTENCY_KEY_HEADER]: key };
}

/**
 * An Apollo Link, placed before HttpLink: a mutation whose context carries `idempotencyKey` is
 * sent with `Idempotency-Key`. Queries are sent as they are (the gateway ignores a key on a
 * query: reads are safe to repeat).
 */
export const idempotencyLink = new ApolloLink((operation, forward) => {
  const key: unknown = operation.getContext()['idempotencyKey'];
  if (typeof key === 'string' && operation.operationType === OperationTypeNode.MUTATION) {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, ...idempotencyHeaders(key) } }));
  }
  return forward(operation);
});
