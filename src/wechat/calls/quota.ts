import type { Deadline } from '../transport/deadline';
import { success, type WeChatResult } from '../vocabulary/result';
import { countField, malformedAnswer, objectField, type AccountCaller } from './account-call';

/** One API's daily quota for an account, as WeChat counts it. */
export interface ApiQuota {
  readonly cgiPath: string;
  readonly dailyLimit: number;
  readonly used: number;
  readonly remain: number;
}

/**
 * What a cgi_path argument may be: a path as WeChat documents its APIs (`/cgi-bin/open/unbind`),
 * printable ASCII without spaces. Whether WeChat knows it is WeChat's answer (76021).
 */
export const CGI_PATH_PATTERN = /^\/[\x21-\x7e]{1,255}$/;
export const CGI_PATH_RULE = 'a path starting with "/", 2 to 256 printable ASCII characters without spaces (e.g. /cgi-bin/open/unbind)';

export function isCgiPath(value: unknown): value is string {
  return typeof value === 'string' && CGI_PATH_PATTERN.test(value);
}

/**
 * An account's API quotas: how much of a day's calls are left, and WeChat's monthly reset.
 * (WxJava `getApiQuota`, `clearQuota`; WeChat `openApi/getApiQuota`, `openApi/clearQuota`.)
 */
export class QuotaApi {
  constructor(private readonly caller: AccountCaller) {}

  withDeadline(deadline: Deadline): QuotaApi {
    return new QuotaApi(this.caller.withDeadline(deadline));
  }

  /**
   * `POST /cgi-bin/openapi/quota/get` `{cgi_path}` →
   * `{errcode: 0, quota: {daily_limit, used, remain}}` (newer answers add `rate_limit` objects,
   * not read here). 76021 unknown or malformed cgi_path, 76022 not queryable with this token.
   */
  async get(appid: string, cgiPath: string): Promise<WeChatResult<ApiQuota>> {
    const answer = await this.caller.call(appid, 'POST', '/cgi-bin/openapi/quota/get', { cgi_path: cgiPath });
    if (!answer.ok) return answer;
    const quota = objectField(answer.data, 'quota');
    const dailyLimit = quota && countField(quota, 'daily_limit');
    const used = quota && countField(quota, 'used');
    const remain = quota && countField(quota, 'remain');
    if (dailyLimit === undefined || used === undefined || remain === undefined) return malformedAnswer('quota/get answer lacks quota.daily_limit, used or remain');
    return success({ cgiPath, dailyLimit, used, remain });
  }

  /**
   * `POST /cgi-bin/clear_quota` `{appid}` → `{errcode: 0}`: resets every daily quota of the
   * account. Ten times a month, then 48006. Not re-sent after a lost answer (each one counts).
   */
  async clear(appid: string): Promise<WeChatResult<void>> {
    const answer = await this.caller.call(appid, 'POST', '/cgi-bin/clear_quota', { appid });
    return answer.ok ? success(undefined) : answer;
  }
}
