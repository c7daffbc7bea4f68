import type { Deadline } from '../transport/deadline';
import { success, type WeChatResult } from '../vocabulary/result';
import { countField, malformedAnswer, objectField, type AccountCaller } from './account-call';
import { redactCredentials } from './redact-credentials';

/**
 * What a rid argument may be. WeChat's are three groups of 8 hex digits, but, as for appids, the
 * gateway only refuses what can never be one; whether WeChat issued it is WeChat's answer (76002).
 */
export const RID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const RID_RULE = '1 to 64 characters of A-Z, a-z, 0-9, _ and - (WeChat\'s are like 6745a3f1-2b0c1d3e-4f5a6b7c)';

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && RID_PATTERN.test(value);
}

/** What WeChat saw of one call it served, with every credential removed. */
export interface RequestRecord {
  readonly rid: string;
  /** Unix seconds. */
  readonly invokeTime: number;
  readonly costInMs: number;
  readonly requestUrl: string;
  readonly requestBody: string;
  readonly responseBody: string;
  readonly clientIp: string;
}

/**
 * Looks up a call WeChat served, by the rid its answer carried (every WeChatError's requestId).
 * (WxJava `getRidInfo`; WeChat `openApi/getRidInfo`.)
 */
export class RidApi {
  constructor(private readonly caller: AccountCaller) {}

  withDeadline(deadline: Deadline): RidApi {
    return new RidApi(this.caller.withDeadline(deadline));
  }

  /**
   * `POST /cgi-bin/openapi/rid/get` `{rid}` → `{errcode: 0, request: {invoke_time, cost_in_ms,
   * request_url, request_body, response_body, client_ip}}`. WeChat keeps a rid 7 days and shows
   * it only to the account that made the call (or its platform): 76001 not found, 76002 not a
   * rid, 76003 another account's.
   *
   * `request_url` holds the access token of the call it describes, and the bodies may hold an
   * appsecret or a token: they are redacted here, before anything above this layer sees them.
   */
  async get(appid: string, rid: string): Promise<WeChatResult<RequestRecord>> {
    const answer = await this.caller.call(appid, 'POST', '/cgi-bin/openapi/rid/get', { rid });
    if (!answer.ok) return answer;
    const request = objectField(answer.data, 'request');
    const invokeTime = request && countField(request, 'invoke_time');
    const costInMs = request && countField(request, 'cost_in_ms');
    const requestUrl = request?.['request_url'];
    if (request === undefined || invokeTime === undefined || costInMs === undefined || typeof requestUrl !== 'string') {
      return malformedAnswer('rid/get answer lacks request.invoke_time, cost_in_ms or request_url');
    }
    return success({
      rid,
      invokeTime,
      costInMs,
      requestUrl: redactCredentials(requestUrl),
      requestBody: redactCredentials(text(request['request_body'])),
      responseBody: redactCredentials(text(request['response_body'])),
      clientIp: text(request['client_ip']),
    });
  }
}

/** A GET has no body; WeChat sends "" or leaves the field out. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
