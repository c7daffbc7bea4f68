/** Small helpers for handling the gateway's answers in a frontend, with no client library. */
import { possibleTypes } from './cache';
import type { ErrorFieldsFragment } from './generated/graphql';

/** Any error member of a result union, as the shared ErrorFields fragment reads it. */
export type GatewayErrorMember = ErrorFieldsFragment & { __typename: string; retryAfterSeconds?: number | null };

/** Every concrete type implementing `GatewayError`, from the generated possibleTypes. */
export const errorTypenames: ReadonlySet<string> = new Set(possibleTypes['GatewayError'] ?? []);

/** True for an error member of a result union (as opposed to its success type). */
export function isGatewayError(value: { __typename?: string } | null | undefined): value is GatewayErrorMember {
  return typeof value?.__typename === 'string' && errorTypenames.has(value.__typename);
}

/** Seconds to wait before the first automatic retry when the gateway names none. */
const DEFAULT_RETRY_SECONDS = 2;

/**
 * When to send the same request again: null when it would fail the same way (`retryable` false),
 * else the gateway's `retryAfterSeconds` when the member carries one, else a short default.
 * A RATE_LIMITED GraphQL error carries it in `extensions.retryAfterSeconds`; pass that member's
 * extensions object the same way.
 */
export function retryDelaySeconds(error: { retryable?: boolean | null; retryAfterSeconds?: unknown } | null | undefined): number | null {
  if (error == null) return null;
  if (typeof error.retryAfterSeconds === 'number' && error.retryAfterSeconds >= 0) return error.retryAfterSeconds;
  return error.retryable === true ? DEFAULT_RETRY_SECONDS : null;
}

/** The Authorization header of a caller's JWT or API key (see the README's Security section). */
export function authorization(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * Apollo Server's CSRF prevention refuses a GET (or a "simple" POST) that carries none of its
 * preflight headers; any client that sends GET for queries (urql by default) sends this one.
 */
export const PREFLIGHT_HEADER: Readonly<Record<string, string>> = Object.freeze({ 'apollo-require-preflight': 'true' });
