import { GraphQLError } from 'graphql';

/**
 * What a caller may do. Reads are WeChat get/have and apiQuota; writes are create, bind, unbind
 * and clearApiQuota; `federation` is for routers: the subgraph SDL (`_service`) and inline
 * traces; `wechat:diagnose` is wechatRequest, which shows what an account sent to WeChat.
 */
export const SCOPES = ['openaccount:read', 'openaccount:write', 'federation', 'wechat:diagnose'] as const;
export type Scope = (typeof SCOPES)[number];

/** The appids a caller may act on: a list, or every appid ("*"). */
export type Entitlement = '*' | ReadonlySet<string>;

/** Who is calling, known from a verified JWT or API key, and what it may do. */
export interface Caller {
  /** Stable and loggable: `jwt:<sub>`, `api-key:<name>` or `anonymous`. Never a credential. */
  readonly id: string;
  readonly kind: 'jwt' | 'api-key' | 'anonymous';
  readonly appids: Entitlement;
  readonly scopes: ReadonlySet<string>;
}

/** The only caller of a gateway with no authentication configured (development only). */
export const ANONYMOUS_DEVELOPER: Caller = Object.freeze({
  id: 'anonymous',
  kind: 'anonymous',
  appids: '*',
  scopes: new Set<string>(SCOPES),
});

export function mayActOn(caller: Caller, appid: string): boolean {
  return caller.appids === '*' || caller.appids.has(appid);
}

/**
 * Missing or invalid credentials: 401 with `WWW-Authenticate`, before any resolver runs. The
 * message says what is wrong with the credentials, never what they were.
 */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(`Unauthenticated: ${message}`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
  });
}

/** A known caller asking for something it is not entitled to. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${message}`, { extensions: { code: 'FORBIDDEN' } });
}
