import { Authorized, Query, Resolver } from 'type-graphql';
import { AppIdArg } from '../appid-arg';
import { AppIdsArg } from '../appids-arg';
import { WeChatApp } from './wechat-app.types';

/**
 * Root reads of an app as an entity. A client cache keys `WeChatApp` by appid, so the answer of
 * `app(appid)` is the same cache entry as the `app` of every change's success: an unbind that
 * selects `app { openAccount { … } }` updates an earlier `app(appid)` read without a refetch,
 * which the root `openAccount(appid)` (a union keyed by nothing) cannot do.
 *
 * They return the entity only; its fields read WeChat through the operation's loaders, like
 * `_entities`, so `apps` with an appid twice reads it once. `@Authorized` checks the scope and
 * the caller's entitlement to every appid asked for (src/auth/auth-checker.ts).
 */
@Resolver(() => WeChatApp)
export class WeChatAppQueries {
  @Authorized('openaccount:read')
  @Query(() => WeChatApp, { description: 'An Official Account or Mini Program by appid; its fields read WeChat. A client cache keys it by appid.' })
  app(@AppIdArg('appid', 'The Official Account or Mini Program, e.g. wx1234567890abcdef.') appid: string): WeChatApp {
    return new WeChatApp(appid);
  }

  @Authorized('openaccount:read')
  @Query(() => [WeChatApp], { description: 'Several apps by appid, in the order asked; each appid is read once per operation.' })
  apps(@AppIdsArg('appids', 'The Official Accounts or Mini Programs, at most 100.') appids: string[]): WeChatApp[] {
    return appids.map((appid) => new WeChatApp(appid));
  }
}
