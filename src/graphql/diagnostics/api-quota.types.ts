import { Field, Int, ObjectType } from 'type-graphql';
import type { ApiQuota as Quota } from '../../wechat';
import { CgiPathNotQueryableError, InvalidCgiPathError, QuotaClearLimitReachedError } from '../errors/diagnostics-error.types';
import { resultUnion } from '../errors/result-union';
import { InvalidAppIdError } from '../errors/wechat-error.types';

@ObjectType({ simpleResolvers: true, description: "One API's daily call quota for an account, as WeChat counts it (it resets at midnight, Beijing time)." })
export class ApiQuota {
  @Field({ description: 'The API, e.g. /cgi-bin/open/unbind.' })
  cgiPath: string;

  @Field(() => Int, { description: 'Calls allowed a day.' })
  dailyLimit: number;

  @Field(() => Int, { description: 'Calls made today.' })
  used: number;

  @Field(() => Int, { description: 'Calls left today.' })
  remain: number;

  constructor(quota: Quota) {
    this.cgiPath = quota.cgiPath;
    this.dailyLimit = quota.dailyLimit;
    this.used = quota.used;
    this.remain = quota.remain;
  }
}

@ObjectType({ simpleResolvers: true, description: "The account's daily API quotas were reset (one of its 10 resets a month)." })
export class ClearApiQuotaSuccess {
  @Field({ description: 'The account whose quotas were reset.' })
  appid: string;

  constructor(appid: string) {
    this.appid = appid;
  }
}

export const ApiQuotaResult = resultUnion({
  name: 'ApiQuotaResult',
  description: "An API's daily quota for an account (WeChat /cgi-bin/openapi/quota/get), or why it could not be read.",
  success: ApiQuota,
  errors: [InvalidCgiPathError, CgiPathNotQueryableError],
});

export const ClearApiQuotaResult = resultUnion({
  name: 'ClearApiQuotaResult',
  description: "The outcome of resetting an account's daily API quotas (WeChat /cgi-bin/clear_quota).",
  success: ClearApiQuotaSuccess,
  errors: [QuotaClearLimitReachedError, InvalidAppIdError],
});
