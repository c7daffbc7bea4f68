import type { GatewayContext } from '../context';
import type { ResultOf } from '../errors/result-union';
import { OpenAccountNotBoundError } from '../errors/wechat-error.types';
import { HasOpenAccountResult, OpenAccount, OpenAccountResult, OpenAccountStatus } from './open-account.types';

/** The reads shared by the root queries and the WeChatApp entity's fields, through the loaders. */
export async function readOpenAccount(ctx: GatewayContext, appid: string, maxAge: number | undefined): Promise<ResultOf<OpenAccount>> {
  const { result, fetchedAt } = await ctx.loaders.openAccount.load({ appid, maxAge });
  if (result.ok) return new OpenAccount(appid, result.data, fetchedAt);
  const member = OpenAccountResult.fromFailure(result.failure);
  // "Bound to none" is an answer about the binding, as cacheable as a success: it says when too.
  if (member instanceof OpenAccountNotBoundError) member.fetchedAt = fetchedAt;
  return member;
}

export async function readHasOpenAccount(ctx: GatewayContext, appid: string, maxAge: number | undefined): Promise<ResultOf<OpenAccountStatus>> {
  const { result, fetchedAt } = await ctx.loaders.hasOpenAccount.load({ appid, maxAge });
  return result.ok ? new OpenAccountStatus(appid, result.data, fetchedAt) : HasOpenAccountResult.fromFailure(result.failure);
}
