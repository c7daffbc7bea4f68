import { Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppIdArg } from '../appid-arg';
import type { GatewayContext } from '../context';
import { MaxAgeArg } from '../max-age-arg';
import type { ResultOf } from '../errors/result-union';
import { readHasOpenAccount, readOpenAccount } from './open-account.reads';
import {
  BindOpenAccountResult,
  BindOpenAccountSuccess,
  CreateOpenAccountResult,
  CreateOpenAccountSuccess,
  HasOpenAccountResult,
  type OpenAccount,
  OpenAccountResult,
  type OpenAccountStatus,
  UnbindOpenAccountResult,
  UnbindOpenAccountSuccess,
} from './open-account.types';

const APPID = 'The Official Account or Mini Program, e.g. wx1234567890abcdef.';
const OPEN_APPID = 'The open platform account.';
const READ = 'openaccount:read';
const WRITE = 'openaccount:write';
const SWITCH = 'Switch on __typename: the success type, or an error type implementing GatewayError (and WeChatError when WeChat answered).';

/**
 * The open-account family. Each resolver calls one WeChat function and maps its result to a
 * member of its union; reads go through the operation's loaders, and a change that succeeded
 * makes them forget the appid, so a later read in the same operation sees the new state.
 * `@Authorized` names the scope each needs; the auth checker also checks the caller's appids.
 */
@Resolver()
export class OpenAccountResolver {
  @Authorized(READ)
  @Query(() => OpenAccountResult.type, { description: 'The open platform account the appid is bound to (WeChat get).' })
  openAccount(@AppIdArg('appid', APPID) appid: string, @MaxAgeArg() maxAge: number | undefined, @Ctx() ctx: GatewayContext): Promise<ResultOf<OpenAccount>> {
    return readOpenAccount(ctx, appid, maxAge);
  }

  @Authorized(READ)
  @Query(() => HasOpenAccountResult.type, { description: 'Whether the appid is bound to an open platform account (WeChat have).' })
  hasOpenAccount(@AppIdArg('appid', APPID) appid: string, @MaxAgeArg() maxAge: number | undefined, @Ctx() ctx: GatewayContext): Promise<ResultOf<OpenAccountStatus>> {
    return readHasOpenAccount(ctx, appid, maxAge);
  }

  @Authorized(WRITE)
  @Mutation(() => CreateOpenAccountResult.type, { description: `Creates an open platform account owned by the account's owner and binds the account to it. ${SWITCH}` })
  async createOpenAccount(@AppIdArg('appid', APPID) appid: string, @Ctx() ctx: GatewayContext): Promise<ResultOf<CreateOpenAccountSuccess>> {
    const result = await ctx.openAccounts.create(appid);
    if (!result.ok) return CreateOpenAccountResult.fromFailure(result.failure);
    ctx.loaders.forget(appid);
    return new CreateOpenAccountSuccess(appid, result.data.openAppid, result.data.verifiedByRead);
  }

  @Authorized(WRITE)
  @Mutation(() => BindOpenAccountResult.type, { description: `Binds an Official Account or Mini Program to an open platform account of the same owner. ${SWITCH}` })
  async bindOpenAccount(
    @AppIdArg('appid', APPID) appid: string,
    @AppIdArg('openAppid', OPEN_APPID) openAppid: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ResultOf<BindOpenAccountSuccess>> {
    const result = await ctx.openAccounts.bind(appid, openAppid);
    if (!result.ok) return BindOpenAccountResult.fromFailure(result.failure);
    ctx.loaders.forget(appid);
    return new BindOpenAccountSuccess(appid, openAppid, result.data.verifiedByRead);
  }

  @Authorized(WRITE)
  @Mutation(() => UnbindOpenAccountResult.type, {
    description: `Detaches an Official Account or Mini Program from an open platform account created through the API. ${SWITCH}`,
  })
  async unbindOpenAccount(
    @AppIdArg('appid', APPID) appid: string,
    @AppIdArg('openAppid', OPEN_APPID) openAppid: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<ResultOf<UnbindOpenAccountSuccess>> {
    const result = await ctx.openAccounts.unbind(appid, openAppid);
    if (!result.ok) return UnbindOpenAccountResult.fromFailure(result.failure);
    ctx.loaders.forget(appid);
    return new UnbindOpenAccountSuccess(appid, openAppid, result.data.verifiedByRead);
  }
}
