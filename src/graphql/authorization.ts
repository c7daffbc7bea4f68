import type { AuthCheckerFn } from 'type-graphql';
import type { GatewayContext } from './context';
import { WeChatApp } from './open-account/wechat-app.types';
import { isAppId } from '../wechat';
import { forbidden, mayActOn, type Scope } from '../auth/caller';

/**
 * type-graphql's auth checker, run before every `@Authorized(scopes)` field and before its
 * arguments are even read, so a refusal sends nothing to WeChat. It checks, in order:
 * the caller has every scope the field needs; the caller is entitled to every appid the field acts
 * on (the `appid` argument of a root field, each of `appids`, or the WeChatApp it is a field of, which is how
 * `_entities` and the `app` of a success reach WeChat); and the appid's rate limit.
 * A refusal is a FORBIDDEN (or RATE_LIMITED) GraphQL error, never `false`, so its message says why.
 */
export const authChecker: AuthCheckerFn<GatewayContext, Scope> = async ({ context, args, root }, scopes) => {
  const { caller } = context;
  const missing = scopes.filter((scope) => !caller.scopes.has(scope));
  if (missing.length > 0) throw forbidden(`this needs the scope ${missing.join(' and ')}, which the caller does not have.`);
  // Writers have their own bucket, so readers cannot use up the limit of the writers.
  const bucket = scopes.includes('openaccount:write') ? 'write' : 'read';
  for (const appid of appidsActedOn(args, root)) {
    if (!mayActOn(caller, appid)) throw forbidden('the caller is not entitled to this appid.');
    // An appid that is not one is refused as BAD_USER_INPUT by its argument; it is not a limiter key.
    if (isAppId(appid)) await context.chargeAppid(appid, bucket);
  }
  return true;
};

/** The `appid` argument, every item of an `appids` list argument, or the WeChatApp the field is of. */
function appidsActedOn(args: Record<string, unknown>, root: unknown): string[] {
  if ('appid' in args) return [typeof args['appid'] === 'string' ? args['appid'] : ''];
  if ('appids' in args) return Array.isArray(args['appids']) ? args['appids'].map((appid: unknown) => (typeof appid === 'string' ? appid : '')) : [''];
  if (root instanceof WeChatApp) return [root.appid];
  return [];
}
