import type { AuthCheckerFn } from 'type-graphql';
import type { GatewayContext } from './context';
import { WeChatApp } from './open-account/wechat-app.types';
import { isAppId } from '../wechat';
import { forbidden, mayActOn, type Scope } from '../auth/caller';

/**
 * type-graphql's auth checker, run before every `@Authorized(scopes)` field and before its
 * arguments are even read, so a refusal sends nothing to WeChat. It checks, in order:
 * the caller has every scope the field needs; the caller is entitled to the appid the field acts
 * on (the `appid` argument of a root field, or the WeChatApp it is a field of, which is how
 * `_entities` and the `app` of a success reach WeChat); and the appid's rate limit.
 * A refusal is a FORBIDDEN (or RATE_LIMITED) GraphQL error, never `false`, so its message says why.
 */
export const authChecker: AuthCheckerFn<GatewayContext, Scope> = async ({ context, args, root }, scopes) => {
  const { caller } = context;
  const missing = scopes.filter((scope) => !caller.scopes.has(scope));
  if (missing.length > 0) throw forbidden(`this needs the scope ${missing.join(' and ')}, which the caller does not have.`);
  const appid = appidActedOn(args, root);
  if (appid === undefined) return true;
  if (!mayActOn(caller, appid)) throw forbidden('the caller is not entitled to this appid.');
  // An appid that is not one is refused as BAD_USER_INPUT by its argument; it is not a limiter key.
  // Writers have their own bucket, so readers cannot use up the limit of the writers.
  if (isAppId(appid)) await context.chargeAppid(appid, scopes.includes('openaccount:write') ? 'write' : 'read');
  return true;
};

function appidActedOn(args: Record<string, unknown>, root: unknown): string | undefined {
  if ('appid' in args) return typeof args['appid'] === 'string' ? args['appid'] : '';
  if (root instanceof WeChatApp) return root.appid;
  return undefined;
}
