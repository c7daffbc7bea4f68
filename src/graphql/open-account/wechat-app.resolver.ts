import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context';
import { MaxAgeArg } from '../max-age-arg';
import type { ResultOf } from '../errors/result-union';
import { readHasOpenAccount, readOpenAccount } from './open-account.reads';
import { HasOpenAccountResult, OpenAccountResult, type OpenAccount, type OpenAccountStatus } from './open-account.types';
import { WeChatApp } from './wechat-app.types';

/** Its fields read WeChat: `@Authorized` checks the scope and the caller's entitlement to the app's appid. */
@Resolver(() => WeChatApp)
export class WeChatAppResolver {
  @Authorized('openaccount:read')
  @FieldResolver(() => OpenAccountResult.type, { description: 'The open platform account it is bound to (WeChat get), read once per operation (and from the read cache, when there is one).' })
  openAccount(@Root() app: WeChatApp, @MaxAgeArg() maxAge: number | undefined, @Ctx() ctx: GatewayContext): Promise<ResultOf<OpenAccount>> {
    return readOpenAccount(ctx, app.appid, maxAge);
  }

  @Authorized('openaccount:read')
  @FieldResolver(() => HasOpenAccountResult.type, { description: 'Whether it is bound to an open platform account (WeChat have).' })
  hasOpenAccount(@Root() app: WeChatApp, @MaxAgeArg() maxAge: number | undefined, @Ctx() ctx: GatewayContext): Promise<ResultOf<OpenAccountStatus>> {
    return readHasOpenAccount(ctx, app.appid, maxAge);
  }
}
