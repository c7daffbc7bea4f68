import { Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { CGI_PATH_RULE, isCgiPath, isRequestId, RID_RULE } from '../../wechat';
import { AppIdArg, CheckedStringArg } from '../appid-arg';
import type { GatewayContext } from '../context';
import { ApiQuota, ApiQuotaResult, ClearApiQuotaResult, ClearApiQuotaSuccess } from './api-quota.types';
import { WeChatRequest, WeChatRequestResult } from './wechat-request.types';

const APPID = 'The Official Account or Mini Program, e.g. wx1234567890abcdef.';

/**
 * The calls WeChat offers for diagnosis: an API's daily quota, resetting the quotas, and what
 * WeChat saw of a call by its rid (every WeChatError's requestId). Thin, like the open-account
 * resolvers: one WeChat function each, its result mapped to a union member.
 * `wechatRequest` has its own scope: it shows what an account sent (credentials removed).
 */
@Resolver()
export class DiagnosticsResolver {
  @Authorized('openaccount:read')
  @Query(() => ApiQuotaResult.type, { description: "How much of the account's daily quota for one API is used and left (WeChat quota/get)." })
  async apiQuota(
    @AppIdArg('appid', APPID) appid: string,
    @CheckedStringArg('cgiPath', 'The API, as WeChat documents its path, e.g. /cgi-bin/open/unbind.', { isValid: isCgiPath, what: 'cgi path', rule: CGI_PATH_RULE }) cgiPath: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<object> {
    const result = await ctx.quota.get(appid, cgiPath);
    return result.ok ? new ApiQuota(result.data) : ApiQuotaResult.fromFailure(result.failure);
  }

  @Authorized('openaccount:write')
  @Mutation(() => ClearApiQuotaResult.type, { description: "Resets every daily API quota of the account (WeChat clear_quota; 10 times a month). Not re-sent when WeChat's answer is lost." })
  async clearApiQuota(@AppIdArg('appid', APPID) appid: string, @Ctx() ctx: GatewayContext): Promise<object> {
    const result = await ctx.quota.clear(appid);
    return result.ok ? new ClearApiQuotaSuccess(appid) : ClearApiQuotaResult.fromFailure(result.failure);
  }

  @Authorized('wechat:diagnose')
  @Query(() => WeChatRequestResult.type, { description: "What WeChat saw of a call the account made, by the rid of its answer (a WeChatError's requestId), credentials redacted (WeChat rid/get; kept 7 days)." })
  async wechatRequest(
    @AppIdArg('appid', 'The account that made the call (the appid of the operation that answered the error).') appid: string,
    @CheckedStringArg('rid', "The request id, e.g. a WeChatError's requestId.", { isValid: isRequestId, what: 'rid', rule: RID_RULE }) rid: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<object> {
    const result = await ctx.requests.get(appid, rid);
    return result.ok ? new WeChatRequest(result.data) : WeChatRequestResult.fromFailure(result.failure);
  }
}
