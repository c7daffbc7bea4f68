import type { WeChatBody, WeChatTransport } from './transport';
import { failure, success, type WeChatResult } from './result';
import type { TokenProvider } from './tokens/token-provider';
import { withToken } from './with-token';

/**
 * The open-account family: the calls that group Official Accounts and Mini Programs under an
 * open platform account (https://api.weixin.qq.com/cgi-bin/open/*). Each method takes the
 * authorizer's appid, calls with that appid's access token, and returns WeChat's answer as a
 * value. `appid` is always sent in the body so WeChat checks it against the token (40013).
 */
export class OpenAccountApi {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly tokens: TokenProvider,
  ) {}

  /**
   * `POST /cgi-bin/open/create` `{appid}` → `{errcode: 0, open_appid}`: a new open account,
   * owned by the account's subject, with the account bound to it. 89000 when already bound.
   */
  async create(appid: string): Promise<WeChatResult<string>> {
    return stringField(await this.call(appid, 'POST', '/cgi-bin/open/create', { appid }), 'open_appid');
  }

  /**
   * `POST /cgi-bin/open/bind` `{appid, open_appid}` → `{errcode: 0}`.
   * 89000 already bound, 89001 other owner, 89004 open account full, 89036 open account neither
   * created through the API nor verified.
   */
  async bind(appid: string, openAppid: string): Promise<WeChatResult<void>> {
    return done(await this.call(appid, 'POST', '/cgi-bin/open/bind', { appid, open_appid: openAppid }));
  }

  /**
   * `POST /cgi-bin/open/unbind` `{appid, open_appid}` → `{errcode: 0}`.
   * Documented errcodes: -1, 40013, 89001, 89003 (open account not created by the API), 89004.
   */
  async unbind(appid: string, openAppid: string): Promise<WeChatResult<void>> {
    return done(await this.call(appid, 'POST', '/cgi-bin/open/unbind', { appid, open_appid: openAppid }));
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
    return typeof haveOpen === 'boolean' ? success(haveOpen) : malformed('have_open');
  }

  private call(appid: string, method: 'GET' | 'POST', path: string, body: object | undefined): Promise<WeChatResult<WeChatBody>> {
    return withToken(this.tokens, appid, (accessToken) =>
      this.transport.send({ method, path, query: { access_token: accessToken }, body }),
    );
  }
}

function done(answer: WeChatResult<WeChatBody>): WeChatResult<void> {
  return answer.ok ? success(undefined) : answer;
}

function stringField(answer: WeChatResult<WeChatBody>, name: string): WeChatResult<string> {
  if (!answer.ok) return answer;
  const value = answer.data[name];
  return typeof value === 'string' && value !== '' ? success(value) : malformed(name);
}

/** errcode 0 without the field the call promises is not a success the gateway can report. */
function malformed<T>(name: string): WeChatResult<T> {
  return failure({ kind: 'unavailable', reason: 'bad-response', sent: 'maybe', detail: `answer lacks ${name}`, stage: 'call' });
}
