/**
 * Which rule answers which WeChat path: the route table (path → method and rule), and the
 * dispatch that checks what WeChat checks before any rule (the method: 43001/43002 with HTTP
 * 200; an empty POST body: 44002; a component token on an account's API: 48001; the daily
 * quota: 45009), parses the body, runs the rule, tells the counters what it applied and which
 * token it fetched, and records every error answer by its rid (what rid/get reads back).
 * An unknown path answers 404, a rule that throws WeChat's -1 "system error".
 */
import { fail, wxError, type Outcome, type RequestBody } from './answers';
import type { Counters } from './counters';
import type { WechatState } from './state';

interface Route {
  readonly method: 'GET' | 'POST';
  readonly handle: (state: WechatState, query: URLSearchParams, body: RequestBody) => Outcome;
}

const token = (q: URLSearchParams): string | null => q.get('access_token');

/** An account's API, called with an account (or authorizer) token: a component token gets 48001. */
function accountApi(handle: Route['handle']): Route['handle'] {
  return (s, q, b) => (s.components.isComponentToken(token(q)) ? fail(48001) : handle(s, q, b));
}

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/cgi-bin/stable_token', { method: 'POST', handle: (s, _q, b) => s.tokens.stableToken(b) }],
  ['/cgi-bin/token', { method: 'GET', handle: (s, q) => s.tokens.plainToken(q) }],
  ['/cgi-bin/open/create', { method: 'POST', handle: accountApi((s, q, b) => s.openAccountCalls.createOpenAccount(token(q), b)) }],
  ['/cgi-bin/open/bind', { method: 'POST', handle: accountApi((s, q, b) => s.openAccountCalls.bindOpenAccount(token(q), b)) }],
  ['/cgi-bin/open/unbind', { method: 'POST', handle: accountApi((s, q, b) => s.openAccountCalls.unbindOpenAccount(token(q), b)) }],
  ['/cgi-bin/open/get', { method: 'POST', handle: accountApi((s, q, b) => s.openAccountCalls.getOpenAccount(token(q), b)) }],
  ['/cgi-bin/open/have', { method: 'GET', handle: accountApi((s, q, b) => s.openAccountCalls.haveOpenAccount(token(q), b)) }],
  ['/cgi-bin/openapi/quota/get', { method: 'POST', handle: (s, q, b) => s.diagnosticsCalls.getQuota(token(q), b) }],
  ['/cgi-bin/clear_quota', { method: 'POST', handle: (s, q, b) => s.diagnosticsCalls.clearQuota(token(q), b) }],
  ['/cgi-bin/openapi/rid/get', { method: 'POST', handle: (s, q, b) => s.diagnosticsCalls.getRid(token(q), b) }],
  ['/cgi-bin/component/api_component_token', { method: 'POST', handle: (s, _q, b) => s.components.componentToken(b) }],
  ['/cgi-bin/component/api_authorizer_token', { method: 'POST', handle: (s, q, b) => s.components.authorizerToken(q, b) }],
  ['/cgi-bin/component/api_query_auth', { method: 'POST', handle: (s, q, b) => s.components.queryAuth(q, b) }],
  ['/cgi-bin/component/api_start_push_ticket', { method: 'POST', handle: (s, _q, b) => s.components.startPushTicket(b) }],
]);

/** Every WeChat path the simulator answers, e.g. for faults named by path. */
export const WECHAT_PATHS: readonly string[] = [...ROUTES.keys()];

/** A GET has no body, which reads as `{}` (an empty POST never gets here: 44002). */
function parseBody(text: string): RequestBody {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export interface Served {
  readonly status: number;
  readonly body: unknown;
  /** A platform whose verify ticket push the call (re)started: push one after answering. */
  readonly pushTicketTo?: string;
}

/** The HTTP status and JSON body WeChat answers to this request. */
export function dispatch(
  state: WechatState,
  counters: Counters,
  request: { path: string; method: string; query: URLSearchParams; text: string; clientIp: string },
): Served {
  const { path, method, query, text } = request;
  const route = ROUTES.get(path);
  if (!route) return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
  const started = state.now();
  const served = (outcome: Outcome): Served => {
    if (outcome.applied) counters.apply(path);
    if (outcome.tokenFor !== undefined) counters.tokenFetched(outcome.tokenFor, outcome.tokenKind);
    record(state, request, outcome.answer, started);
    return { status: 200, body: outcome.answer, ...(outcome.pushTicketTo === undefined ? {} : { pushTicketTo: outcome.pushTicketTo }) };
  };
  // WeChat answers the wrong method and an empty POST with HTTP 200 and an errcode, like any error.
  if (method !== route.method) return served(fail(route.method === 'GET' ? 43001 : 43002));
  if (method === 'POST' && text.trim() === '') return served(fail(44002));
  if (state.quota.dailyLimit(path) !== undefined) {
    const acting = state.tokens.actingFor(token(query));
    if (acting.ok && !state.quota.charge(acting.appid, path)) return served(fail(45009));
  }
  try {
    return served(route.handle(state, query, parseBody(text)));
  } catch {
    return { status: 200, body: wxError(-1) };
  }
}

/**
 * Keeps an error answer under its rid, as WeChat sees the call: the URL with its token, the
 * bodies as sent. Readable by the account the token acted for (or the platform, for its own).
 */
function record(state: WechatState, request: { path: string; query: URLSearchParams; text: string; clientIp: string }, answer: Record<string, unknown>, started: number): void {
  const errmsg = answer['errmsg'];
  const rid = typeof errmsg === 'string' ? / rid: ([0-9a-f-]+)$/.exec(errmsg)?.[1] : undefined;
  if (rid === undefined) return;
  const search = request.query.toString();
  state.served.record({
    rid,
    owner: ownerOf(state, request.query, request.text),
    at: started,
    costInMs: Math.max(0, state.now() - started),
    requestUrl: `https://api.weixin.qq.com${request.path}${search === '' ? '' : `?${search}`}`,
    requestBody: request.text,
    responseBody: JSON.stringify(answer),
    clientIp: request.clientIp,
  });
}

function ownerOf(state: WechatState, query: URLSearchParams, text: string): string | undefined {
  const acting = state.tokens.actingFor(token(query));
  if (acting.ok) return acting.appid;
  const component = state.components.componentOf(query.get('component_access_token') ?? token(query));
  if (component !== undefined) return component;
  const body = parseBody(text);
  const fields = body.ok && typeof body.value === 'object' && body.value !== null ? (body.value as Record<string, unknown>) : {};
  const appid = fields['appid'] ?? fields['component_appid'];
  return typeof appid === 'string' ? appid : undefined;
}
