import type { WeChatTransport } from './transport';
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
   * `POST /cgi-bin/open/get` `{appid}` → `{errcode: 0, open_appid}`.
   * 89002 when the account is bound to no open account.
   */
  get(appid: string): Promise<WeChatResult<string>> {
    return withToken(this.tokens, appid, async (accessToken) => {
      const answer = await this.transport.send({
        method: 'POST',
        path: '/cgi-bin/open/get',
        query: { access_token: accessToken },
        body: { appid },
      });
      if (!answer.ok) return answer;
      const openAppid = answer.data['open_appid'];
      return typeof openAppid === 'string'
        ? success(openAppid)
        : failure({ kind: 'unavailable', reason: 'bad-response', sent: 'maybe', detail: 'get answer lacks open_appid', stage: 'call' });
    });
  }

  /**
   * `POST /cgi-bin/open/unbind` `{appid, open_appid}` → `{errcode: 0}`.
   * Documented errcodes: -1, 40013, 89001, 89003 (open account not created by the API), 89004.
   */
  unbind(appid: string, openAppid: string): Promise<WeChatResult<void>> {
    return withToken(this.tokens, appid, async (accessToken) => {
      const answer = await this.transport.send({
        method: 'POST',
        path: '/cgi-bin/open/unbind',
        query: { access_token: accessToken },
        body: { appid, open_appid: openAppid },
      });
      return answer.ok ? success(undefined) : answer;
    });
  }
}
