import type { WeChatBody, WeChatTransport } from '../transport/wechat-transport';
import { describeErrcode } from '../vocabulary/errcodes';
import { badAnswer, failure, success, type WeChatFailure, type WeChatResult } from '../vocabulary/result';
import type { TokenProvider } from '../tokens/token-provider';
import { withToken } from '../tokens/with-token';
import type { Deadline } from '../transport/deadline';
import { inChangeSpan } from './change-span';
import { fetchNow, type Fetched, type ReadCache } from './read-cache';

/** A change WeChat applied; `verifiedByRead` when its answer was lost and a read confirmed it. */
export interface Applied {
  readonly verifiedByRead: boolean;
}

/**
 * The open-account family: the calls that group Official Accounts and Mini Programs under an
 * open platform account (https://api.weixin.qq.com/cgi-bin/open/*). Each method takes the
 * authorizer's appid, calls with that appid's access token, and returns WeChat's answer as a
 * value. `appid` is always sent in the body so WeChat checks it against the token (40013).
 *
 * A change (create, bind, unbind) whose request may have reached WeChat without an answer
 * (timeout after sending, dropped connection, a 5xx or garbage answer) is never re-sent blindly:
 * the account's open account is read, and that says whether the change happened (success,
 * verified by read), did not (then sending it once more is safe), or cannot be told.
 */
export class OpenAccountApi {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly tokens: TokenProvider,
    /** Set when WECHAT_READ_CACHE_SECONDS is: `readGet` and `readHave` go through it. */
    private readonly readCache?: ReadCache,
    private readonly deadline?: Deadline,
    /** What this operation's changes did, and whether they settle an earlier attempt. */
    readonly changes: OperationChanges = new OperationChanges(),
  ) {}

  /**
   * The calls of one GraphQL operation: ending when `deadline` passes, with their own record of
   * what the operation's changes did (`changes`).
   */
  withDeadline(deadline: Deadline): OpenAccountApi {
    return new OpenAccountApi(this.transport, this.tokens, this.readCache, deadline, new OperationChanges());
  }

  /**
   * `get` through the read cache, when there is one: an answer ("bound to X", or 89002 "bound to
   * none") at most `maxAgeSeconds` old, or WeChat's answer now. Errors are never cached.
   */
  readGet(appid: string, maxAgeSeconds?: number): Promise<Fetched<string>> {
    const fetch = () => this.get(appid);
    if (this.readCache === undefined) return fetchNow(fetch);
    return this.readCache.read(appid, 'get', maxAgeSeconds, fetch, (result) => result.ok || isNotBound(result));
  }

  /** `have` through the read cache, when there is one; only its answers true and false are cached. */
  readHave(appid: string, maxAgeSeconds?: number): Promise<Fetched<boolean>> {
    const fetch = () => this.have(appid);
    if (this.readCache === undefined) return fetchNow(fetch);
    return this.readCache.read(appid, 'have', maxAgeSeconds, fetch, (result) => result.ok);
  }

  /**
   * `POST /cgi-bin/open/create` `{appid}` → `{errcode: 0, open_appid}`: a new open account,
   * owned by the account's subject, with the account bound to it. 89000 when already bound.
   * After a lost answer, "bound now" cannot tell a create that worked from an account that was
   * bound before: that is answered as an unknown outcome, naming the open account to check.
   */
  async create(appid: string): Promise<WeChatResult<Applied & { openAppid: string }>> {
    return this.change(
      'create',
      appid,
      async () => stringField(await this.call(appid, 'POST', '/cgi-bin/open/create', { appid }), 'open_appid'),
      (openAppid) => (openAppid === undefined ? 'not-applied' : { unknown: `${appid} is now bound to open account ${openAppid}; if it was not bound before, the create succeeded.` }),
    ).then((result) => (result.ok ? success({ openAppid: result.data.value, verifiedByRead: result.data.verifiedByRead }) : result));
  }

  /**
   * `POST /cgi-bin/open/bind` `{appid, open_appid}` → `{errcode: 0}`.
   * 89000 already bound, 89001 other owner, 89004 open account full, 89036 open account neither
   * created through the API nor verified.
   */
  async bind(appid: string, openAppid: string): Promise<WeChatResult<Applied>> {
    return this.change(
      'bind',
      appid,
      async () => done(await this.call(appid, 'POST', '/cgi-bin/open/bind', { appid, open_appid: openAppid })),
      (current) => (current === openAppid ? { value: undefined } : 'not-applied'),
    );
  }

  /**
   * `POST /cgi-bin/open/unbind` `{appid, open_appid}` → `{errcode: 0}`.
   * Documented errcodes: -1, 40013, 89001, 89003 (open account not created by the API), 89004.
   */
  async unbind(appid: string, openAppid: string): Promise<WeChatResult<Applied>> {
    return this.change(
      'unbind',
      appid,
      async () => done(await this.call(appid, 'POST', '/cgi-bin/open/unbind', { appid, open_appid: openAppid })),
      (current) => (current !== openAppid ? { value: undefined } : 'not-applied'),
    );
  }

  /**
   * `POST /cgi-bin/open/get` `{appid}` → `{errcode: 0, open_appid}`.
   * 89002 when the account is bound to no open account.
   */
  async get(appid: string): Promise<WeChatResult<string>> {
    return stringField(await this.call(appid, 'POST', '/cgi-bin/open/get', { appid }), 'open_appid');
  }

  /**
   * `GET /cgi-bin/open/have` → `{errcode: 0, have_open}`: whether the account is bound to an
   * open account. There is no body: the token says which account.
   */
  async have(appid: string): Promise<WeChatResult<boolean>> {
    const answer = await this.call(appid, 'GET', '/cgi-bin/open/have', undefined);
    if (!answer.ok) return answer;
    const haveOpen = answer.data['have_open'];
    return typeof haveOpen === 'boolean' ? success(haveOpen) : badAnswer('answer lacks have_open', 'call');
  }

  private call(appid: string, method: 'GET' | 'POST', path: string, body: object | undefined): Promise<WeChatResult<WeChatBody>> {
    return withToken(this.tokens, appid, (accessToken) =>
      this.transport.send({ method, path, query: { access_token: accessToken }, body, deadline: this.deadline }),
    );
  }

  /**
   * A change, then the read cache forgets the appid (whatever the outcome, once the change may
   * have reached WeChat), before the change answers: no replica serves a read from before it.
   */
  private change<T>(
    name: 'create' | 'bind' | 'unbind',
    appid: string,
    send: () => Promise<WeChatResult<T>>,
    judge: (openAppid: string | undefined) => { value: T } | { unknown: string } | 'not-applied',
  ): Promise<WeChatResult<Applied & { value: T }>> {
    const run = async (counted: <R>(send: () => Promise<R>) => () => Promise<R>) => {
      const result = await this.sendSettled(appid, counted(send), judge);
      if (mayHaveReachedWeChat(result)) {
        if (!refusedForNow(result)) this.changes.sent += 1;
        if (!result.ok && result.failure.kind === 'outcome-unknown') this.changes.unknown += 1;
        await this.readCache?.invalidate(appid);
      }
      return result;
    };
    return this.transport.traced ? inChangeSpan(name, this.changes.settle, run) : run((request) => request);
  }

  /**
   * Sends a change at most twice: again only when a read showed the first was not applied.
   * `judge` looks at the account's open account as read now (undefined: bound to none).
   * Settling an earlier attempt (`changes.settle`), the read comes first and the change is sent
   * at most once, only if the read shows it was not applied.
   */
  private async sendSettled<T>(
    appid: string,
    send: () => Promise<WeChatResult<T>>,
    judge: (openAppid: string | undefined) => { value: T } | { unknown: string } | 'not-applied',
  ): Promise<WeChatResult<Applied & { value: T }>> {
    const check = `Query openAccount(appid: "${appid}") to see its current open account before trying again.`;
    const settle = this.changes.settle;
    let result = settle ? undefined : await send();
    for (let sent = settle ? 0 : 1; ; sent += 1) {
      if (result !== undefined) {
        if (result.ok) return success({ value: result.data, verifiedByRead: false });
        if (!mayHaveBeenApplied(result.failure)) return result;
      }
      const current = await this.get(appid);
      const bound = current.ok ? current.data : isNotBound(current) ? undefined : null;
      if (bound === null) return failure({ kind: 'outcome-unknown', check });
      const verdict = judge(bound);
      if (verdict !== 'not-applied') {
        return 'value' in verdict ? success({ value: verdict.value, verifiedByRead: true }) : failure({ kind: 'outcome-unknown', check: verdict.unknown });
      }
      if (result !== undefined && sent === (settle ? 1 : 2)) return result;
      result = await send();
    }
  }
}

/**
 * One GraphQL operation's changes, for idempotency keys (src/http/idempotency/): how many may
 * have reached WeChat and changed something there (none, or only retryable refusals such as a
 * busy -1: the operation's answer need not be kept, a retry may run afresh)
 * and how many ended with an unknown outcome (a retry with the key settles them). `settle` is set
 * before the operation runs when it repeats a key whose earlier answer was an unknown outcome.
 */
export class OperationChanges {
  sent = 0;
  unknown = 0;
  settle = false;
}

/**
 * WeChat answered with an errcode that means "not done, the same request may succeed later" (-1
 * busy, 45011): nothing was applied, so an idempotency key's retry must run again, not be
 * answered the refusal again.
 */
function refusedForNow(result: WeChatResult<unknown>): boolean {
  return !result.ok && result.failure.kind === 'errcode' && describeErrcode(result.failure.errcode, result.failure.path).retryable;
}

/** A request that may have reached WeChat and got no usable answer: WeChat may have applied it. */
function mayHaveBeenApplied(f: WeChatFailure): boolean {
  return f.kind === 'unavailable' && f.sent === 'maybe' && f.stage === 'call';
}

/** Whether a change's request may have got as far as WeChat (anything but "nothing was sent"). */
function mayHaveReachedWeChat(result: WeChatResult<unknown>): boolean {
  if (result.ok) return true;
  const f = result.failure;
  switch (f.kind) {
    case 'no-credentials':
    case 'store-unavailable':
    case 'overloaded':
      return false;
    case 'unavailable':
    case 'errcode':
      return f.stage === 'call' && !(f.kind === 'unavailable' && f.sent === 'no');
    case 'outcome-unknown':
      return true;
  }
}

function isNotBound(result: WeChatResult<unknown>): boolean {
  return !result.ok && result.failure.kind === 'errcode' && result.failure.errcode === 89002;
}

function done(answer: WeChatResult<WeChatBody>): WeChatResult<void> {
  return answer.ok ? success(undefined) : answer;
}

function stringField(answer: WeChatResult<WeChatBody>, name: string): WeChatResult<string> {
  if (!answer.ok) return answer;
  const value = answer.data[name];
  return typeof value === 'string' && value !== '' ? success(value) : badAnswer(`answer lacks ${name}`, 'call');
}
