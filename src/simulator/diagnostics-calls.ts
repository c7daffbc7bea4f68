/**
 * The calls WeChat offers for diagnosis, as rules over the simulator's own records: an API's
 * daily quota (quota.ts), resetting an account's quotas, and what WeChat saw of a call by its rid
 * (served-requests.ts). Each answer arises from what the simulator counted and served.
 */
import { fail, isObject, ok, type Outcome, type RequestBody } from './answers';
import { isComponentApi, type QuotaState } from './quota';
import { RID_SHAPE, type ServedRequests } from './served-requests';
import type { TokenState } from './tokens';

export class DiagnosticsCalls {
  constructor(
    private readonly tokens: TokenState,
    private readonly quota: QuotaState,
    private readonly served: ServedRequests,
  ) {}

  /** POST /cgi-bin/openapi/quota/get `{cgi_path}`: 76021 unknown path, 76022 not for this token's kind. */
  getQuota(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if ('outcome' in gate) return gate.outcome;
    const cgiPath = gate.body.cgi_path;
    if (typeof cgiPath !== 'string' || cgiPath === '') return fail(76021);
    if (isComponentApi(cgiPath)) return fail(76022);
    const dailyLimit = this.quota.dailyLimit(cgiPath);
    if (dailyLimit === undefined) return fail(76021);
    const used = this.quota.usedToday(gate.appid, cgiPath);
    return ok({ quota: { daily_limit: dailyLimit, used, remain: Math.max(0, dailyLimit - used) } });
  }

  /** POST /cgi-bin/clear_quota `{appid}`: the token's own account only (40013), 10 a month (48006). */
  clearQuota(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if ('outcome' in gate) return gate.outcome;
    if (gate.body.appid !== gate.appid) return fail(40013);
    return this.quota.clear(gate.appid) ? ok({}, true) : fail(48006);
  }

  /** POST /cgi-bin/openapi/rid/get `{rid}`: 76002 not a rid, 76001 not kept, 76003 another account's. */
  getRid(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if ('outcome' in gate) return gate.outcome;
    const rid = gate.body.rid;
    if (typeof rid !== 'string' || !RID_SHAPE.test(rid)) return fail(76002);
    const served = this.served.find(rid);
    if (served === undefined) return fail(76001);
    if (served.owner !== gate.appid) return fail(76003);
    return ok({
      request: {
        invoke_time: Math.floor(served.at / 1000),
        cost_in_ms: served.costInMs,
        request_url: served.requestUrl,
        request_body: served.requestBody,
        response_body: served.responseBody,
        client_ip: served.clientIp,
      },
    });
  }

  private gate(token: string | null, body: RequestBody): { appid: string; body: Record<string, unknown> } | { outcome: Outcome } {
    const acting = this.tokens.actingFor(token);
    if (!acting.ok) return { outcome: acting.outcome };
    if (!body.ok || !isObject(body.value)) return { outcome: fail(47001) };
    return { appid: acting.appid, body: body.value };
  }
}
