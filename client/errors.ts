/** Small helpers for handling the gateway's answers in a frontend, with no client library. */
import { possibleTypes } from './cache';
import type { UnavailableReason } from './generated/graphql';

/**
 * Any error member of a result union, as the shared ErrorFields fragment reads it, flattened for
 * a UI: the fields only some members have are optional. Switch on `__typename` (or narrow the
 * generated `ErrorFieldsFragment` union) when a member's exact type matters.
 */
export interface GatewayErrorMember {
  readonly __typename: string;
  readonly message: string;
  readonly retryable: boolean;
  /** WeChatError members: what WeChat answered. */
  readonly errcode?: number;
  readonly errmsg?: string;
  readonly requestId?: string | null;
  /** WeChatUnavailableError. */
  readonly reason?: UnavailableReason;
  readonly httpStatus?: number | null;
  readonly mayHaveReachedWeChat?: boolean;
  /** NoCredentialsError. */
  readonly appid?: string;
  /** OutcomeUnknownError: what to read before trying again. */
  readonly check?: string;
  /** When the gateway names how long to wait before a retry. */
  readonly retryAfterSeconds?: number | null;
}

/** Every concrete type implementing `GatewayError`, from the generated possibleTypes. */
export const errorTypenames: ReadonlySet<string> = new Set(possibleTypes['GatewayError'] ?? []);

/** True for an error member of a result union (as opposed to its success type). */
export function isGatewayError(value: object | null | undefined): value is GatewayErrorMember {
  const typename = (value as { __typename?: unknown } | null | undefined)?.__typename;
  return typeof typename === 'string' && errorTypenames.has(typename);
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
