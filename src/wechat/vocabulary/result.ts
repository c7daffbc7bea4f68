/**
 * What a WeChat call produces. WeChat errors are values, not exceptions: every caller must look
 * at `ok`, and the compiler makes it. Exceptions are left for bugs.
 */
export type WeChatResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly failure: WeChatFailure };

export type WeChatFailure =
  | ErrcodeFailure
  | UnavailableFailure
  | NoCredentialsFailure
  | StoreUnavailableFailure
  | OverloadedFailure
  | OutcomeUnknownFailure;

/** WeChat answered, with an errcode other than 0. */
export interface ErrcodeFailure {
  readonly kind: 'errcode';
  readonly errcode: number;
  /** As WeChat sent it (may be empty). */
  readonly errmsg: string;
  /** The request id WeChat put in errmsg, if any. */
  readonly rid: string | undefined;
  /** Whether the error came from the call itself or from fetching the token it needed. */
  readonly stage: 'call' | 'token';
  /** The WeChat path that answered (an errcode can mean more for one call, e.g. 48001 on `have`). */
  readonly path?: string;
}

/**
 * No usable answer. `sent` says what is known about the request: 'no' when it provably never
 * reached WeChat (connection refused, DNS failure, connect timeout), so repeating it is safe even
 * for a mutation; 'maybe' when it may have been applied (timeout after sending, connection
 * dropped, a non-JSON or 5xx answer).
 */
export interface UnavailableFailure {
  readonly kind: 'unavailable';
  readonly reason: 'connect' | 'timeout' | 'connection-lost' | 'http-status' | 'bad-response';
  readonly sent: 'no' | 'maybe';
  /** For logs and messages; never holds the request URL (it carries the access token). */
  readonly detail: string;
  readonly httpStatus?: number;
  readonly stage: 'call' | 'token';
}

/** The gateway holds no credentials that can act for this appid; `tried` says what was looked at, in order. */
export interface NoCredentialsFailure {
  readonly kind: 'no-credentials';
  readonly appid: string;
  readonly tried: readonly CredentialAttempt[];
}

/**
 * One source of credentials the gateway looked at for an appid, and why it could not use it:
 * the account's own appsecret (WECHAT_APPS), then the third-party platform's authorisation.
 */
export type CredentialAttempt =
  | { readonly source: 'own-secret'; readonly outcome: 'not-configured' }
  | { readonly source: 'platform'; readonly outcome: 'not-configured' }
  | {
      readonly source: 'platform';
      readonly componentAppid: string;
      /** not-authorised: no refresh token stored; no-verify-ticket: WeChat has not pushed one yet. */
      readonly outcome: 'not-authorised' | 'no-verify-ticket';
    };

/**
 * The credential store (Redis, or the embedded state file) could not be reached, so no token
 * could be read or refreshed. Nothing was sent to WeChat: fetching a token behind the other
 * replicas' backs would invalidate theirs.
 */
export interface StoreUnavailableFailure {
  readonly kind: 'store-unavailable';
  readonly store: 'embedded' | 'redis';
  /** For logs and messages; holds no credential. */
  readonly detail: string;
}

/**
 * The gateway refused to queue one more upstream call: its in-flight limit and queue are full.
 * Nothing was sent; answering at once keeps memory flat when WeChat is slow.
 */
export interface OverloadedFailure {
  readonly kind: 'overloaded';
  /** About when a slot is likely free again: the queue's length times a call's recent duration, spread over the slots; at least 1. */
  readonly retryAfterSeconds: number;
}

/**
 * A change was sent, no answer came, and no read could tell whether WeChat applied it. `check`
 * says what to look at before trying again.
 */
export interface OutcomeUnknownFailure {
  readonly kind: 'outcome-unknown';
  readonly check: string;
}

export function success<T>(data: T): WeChatResult<T> {
  return { ok: true, data };
}

export function failure<T = never>(f: WeChatFailure): WeChatResult<T> {
  return { ok: false, failure: f };
}

/**
 * An answer that is not what the call promises (not JSON, too large, errcode 0 without the field
 * the call returns): no success the gateway can report. WeChat may have acted on the request, so
 * it counts as possibly sent. The one constructor for it, used by the wire and every call.
 */
export function badAnswer<T = never>(detail: string, stage: 'call' | 'token', httpStatus?: number): WeChatResult<T> {
  return failure({ kind: 'unavailable', reason: 'bad-response', sent: 'maybe', detail, stage, ...(httpStatus === undefined ? {} : { httpStatus }) });
}
