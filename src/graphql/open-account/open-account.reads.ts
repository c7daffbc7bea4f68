import type { GatewayContext } from '../context';
import type { ResultOf } from '../errors/result-union';
import { HasOpenAccountResult, OpenAccount, OpenAccountResult, OpenAccountStatus } from './open-account.types';

/** The reads shared by the root queries and the WeChatApp entity's fields, through the loaders. */
export async function readOpenAccount(ctx: GatewayContext, appid: string): Promise<ResultOf<OpenAccount>> {
  const result = await ctx.loaders.openAccount.load(appid);
  return result.ok ? new OpenAccount(appid, result.data) : OpenAccountResult.fromFailure(result.failure);
}

export async function readHasOpenAccount(ctx: GatewayContext, appid: string): Promise<ResultOf<OpenAccountStatus>> {
  const result = await ctx.loaders.hasOpenAccount.load(appid);
  return result.ok ? new OpenAccountStatus(appid, result.data) : HasOpenAccountResult.fromFailure(result.failure);
}
