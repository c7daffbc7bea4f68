/**
 * Which rule answers which WeChat path: the route table (path → method and rule), and the
 * dispatch that parses the body, runs the rule, and tells the counters what it applied and
 * which token it fetched. An unknown path answers 404, a wrong method 405, a rule that throws
 * WeChat's -1 "system error".
 */
import { wxError, type Outcome, type RequestBody } from './answers';
import type { Counters } from './counters';
import type { WechatState } from './state';

interface Route {
  readonly method: 'GET' | 'POST';
  readonly handle: (state: WechatState, query: URLSearchParams, body: RequestBody) => Outcome;
}

const token = (q: URLSearchParams): string | null => q.get('access_token');

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/cgi-bin/stable_token', { method: 'POST', handle: (s, _q, b) => s.tokens.stableToken(b) }],
  ['/cgi-bin/token', { method: 'GET', handle: (s, q) => s.tokens.plainToken(q) }],
  ['/cgi-bin/open/create', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.createOpenAccount(token(q), b) }],
  ['/cgi-bin/open/bind', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.bindOpenAccount(token(q), b) }],
  ['/cgi-bin/open/unbind', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.unbindOpenAccount(token(q), b) }],
  ['/cgi-bin/open/get', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.getOpenAccount(token(q), b) }],
  ['/cgi-bin/open/have', { method: 'GET', handle: (s, q, b) => s.openAccountCalls.haveOpenAccount(token(q), b) }],
  ['/cgi-bin/component/api_component_token', { method: 'POST', handle: (s, _q, b) => s.components.componentToken(b) }],
  ['/cgi-bin/component/api_authorizer_token', { method: 'POST', handle: (s, q, b) => s.components.authorizerToken(q, b) }],
  ['/cgi-bin/component/api_query_auth', { method: 'POST', handle: (s, q, b) => s.components.queryAuth(q, b) }],
]);

/** An empty body counts as `{}`: every field of these calls is optional or checked by the rules. */
function parseBody(text: string): RequestBody {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The HTTP status and JSON body WeChat answers to this request. */
export function dispatch(
  state: WechatState,
  counters: Counters,
  request: { path: string; method: string; query: URLSearchParams; text: string },
): { status: number; body: unknown } {
  const { path, method, query, text } = request;
  const route = ROUTES.get(path);
  if (!route) return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
  if (method !== route.method) return { status: 405, body: { errcode: 405, errmsg: `method not allowed, use ${route.method}` } };
  try {
    const outcome = route.handle(state, query, parseBody(text));
    if (outcome.applied) counters.apply(path);
    if (outcome.tokenFor !== undefined) counters.tokenFetched(outcome.tokenFor, outcome.tokenKind);
    return { status: 200, body: outcome.answer };
  } catch {
    return { status: 200, body: wxError(-1) };
  }
}
