import type { Store } from '../../stores/store';
import { badAnswer, failure, success, type WeChatResult } from '../vocabulary/result';
import type { SharedTokenCache } from './shared-token-cache';
import type { IssuedToken, TokenProvider } from './token-provider';
import type { WeChatBody, WeChatTransport } from '../transport/wechat-transport';
import { withToken } from './with-token';
import type { ComponentTokenProvider } from './component-token';

/**
 * Tokens for the accounts ("authorizers") that authorised the platform: an
 * `authorizer_access_token` per authorizer appid, made from its stored refresh token with
 * `POST /cgi-bin/component/api_authorizer_token?component_access_token=C`
 * `{component_appid, authorizer_appid, authorizer_refresh_token}` →
 * `{authorizer_access_token, expires_in, authorizer_refresh_token}`.
 *
 * The refresh token is data: read from the store inside the refresh (under the lock, so a
 * refresh token another replica just stored is the one used) and the one WeChat returns is
 * stored back. An authorizer with no refresh token has not authorised the platform (or revoked
 * it): `no-credentials`, nothing sent.
 */
export class AuthorizerTokenProvider implements TokenProvider {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly componentAppid: string,
    private readonly componentTokens: ComponentTokenProvider,
    private readonly store: Store,
    private readonly cache: SharedTokenCache,
  ) {}

  token(appid: string, refused?: string): Promise<WeChatResult<string>> {
    return this.cache.get(this.key(appid), () => this.fetch(appid), refused);
  }

  invalidate(appid: string, failedToken: string): Promise<void> {
    return this.cache.invalidate(this.key(appid), failedToken);
  }

  /**
   * An `authorized` or `updateauthorized` event: exchanges its authorisation code through
   * `POST /cgi-bin/component/api_query_auth?component_access_token=C`
   * `{component_appid, authorization_code}` → `{authorization_info: {authorizer_appid,
   * authorizer_access_token, expires_in, authorizer_refresh_token}}`, stores the refresh token
   * and caches the access token that comes with it.
   */
  async exchangeAuthorizationCode(code: string): Promise<WeChatResult<{ authorizerAppid: string }>> {
    const answer = await this.withComponentToken((componentToken) =>
      this.transport.send({
        method: 'POST',
        path: '/cgi-bin/component/api_query_auth',
        query: { component_access_token: componentToken },
        body: { component_appid: this.componentAppid, authorization_code: code },
        stage: 'token',
      }),
    );
    if (!answer.ok) return answer;
    const info = answer.data['authorization_info'];
    const fields = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
    const authorizerAppid = fields['authorizer_appid'];
    const issued = issuedToken(fields);
    if (typeof authorizerAppid !== 'string' || authorizerAppid === '' || issued === undefined) {
      return badAnswer('api_query_auth answer lacks authorization_info', 'token');
    }
    await this.store.putRefreshToken(this.componentAppid, authorizerAppid, issued.refreshToken);
    await this.cache.put(this.key(authorizerAppid), issued);
    return success({ authorizerAppid });
  }

  /** An `unauthorized` event: the authorizer revoked the platform. Its refresh token and token go. */
  async forget(appid: string): Promise<void> {
    await this.store.deleteRefreshToken(this.componentAppid, appid);
    await this.cache.drop(this.key(appid));
  }

  private key(appid: string): string {
    return `authorizer:${this.componentAppid}:${appid}`;
  }

  private async fetch(appid: string): Promise<WeChatResult<IssuedToken>> {
    const refreshToken = await this.store.getRefreshToken(this.componentAppid, appid);
    if (refreshToken === undefined) {
      return failure({ kind: 'no-credentials', appid, tried: [{ source: 'platform', componentAppid: this.componentAppid, outcome: 'not-authorised' }] });
    }
    const answer = await this.withComponentToken((componentToken) =>
      this.transport.send({
        method: 'POST',
        path: '/cgi-bin/component/api_authorizer_token',
        query: { component_access_token: componentToken },
        body: { component_appid: this.componentAppid, authorizer_appid: appid, authorizer_refresh_token: refreshToken },
        stage: 'token',
      }),
    );
    if (!answer.ok) return answer.failure.kind === 'no-credentials' ? failure({ ...answer.failure, appid }) : answer;
    const issued = issuedToken({ ...answer.data, authorizer_refresh_token: answer.data['authorizer_refresh_token'] ?? refreshToken });
    if (issued === undefined) return badAnswer('api_authorizer_token answer lacks authorizer_access_token or expires_in', 'token');
    if (issued.refreshToken !== refreshToken) await this.store.putRefreshToken(this.componentAppid, appid, issued.refreshToken);
    return success(issued);
  }

  /** A call with the component token: refused (40001/40014/42001), it is refreshed once and the call repeated once. */
  private withComponentToken(call: (componentToken: string) => Promise<WeChatResult<WeChatBody>>): Promise<WeChatResult<WeChatBody>> {
    return withToken(this.componentTokens, this.componentAppid, call);
  }
}

function issuedToken(fields: Readonly<Record<string, unknown>>): (IssuedToken & { refreshToken: string }) | undefined {
  const { authorizer_access_token: value, expires_in: expiresInSeconds, authorizer_refresh_token: refreshToken } = fields;
  if (typeof value !== 'string' || value === '' || typeof expiresInSeconds !== 'number' || expiresInSeconds <= 0) return undefined;
  if (typeof refreshToken !== 'string' || refreshToken === '') return undefined;
  return { value, expiresInSeconds, refreshToken };
}
