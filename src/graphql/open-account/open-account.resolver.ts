import { Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppIdArg } from '../appid-arg';
import type { GatewayContext } from '../context';
import { OpenAccount, OpenAccountResult, UnbindOpenAccountResult, UnbindOpenAccountSuccess } from './open-account.types';

const APPID = 'The Official Account or Mini Program, e.g. wx1234567890abcdef.';
const OPEN_APPID = 'The open platform account.';

@Resolver()
export class OpenAccountResolver {
  @Query(() => OpenAccountResult.type, { description: 'The open platform account the appid is bound to.' })
  async openAccount(@AppIdArg('appid', APPID) appid: string, @Ctx() ctx: GatewayContext): Promise<object> {
    const result = await ctx.openAccounts.get(appid);
    return result.ok ? new OpenAccount(appid, result.data) : OpenAccountResult.fromFailure(result.failure);
  }

  @Mutation(() => UnbindOpenAccountResult.type, {
    description: 'Detaches an Official Account or Mini Program from an open platform account created through the API. Switch on __typename: UnbindOpenAccountSuccess, or an error type implementing WeChatError/GatewayError.',
  })
  async unbindOpenAccount(
    @AppIdArg('appid', APPID) appid: string,
    @AppIdArg('openAppid', OPEN_APPID) openAppid: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<object> {
    const result = await ctx.openAccounts.unbind(appid, openAppid);
    return result.ok ? new UnbindOpenAccountSuccess(appid, openAppid) : UnbindOpenAccountResult.fromFailure(result.failure);
  }
}
