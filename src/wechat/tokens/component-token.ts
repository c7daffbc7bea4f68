import type { Store } from '../../stores/store';
import { failure, type WeChatResult } from '../vocabulary/result';
import type { SharedTokenCache } from './shared-token-cache';
import { issuedTokenIn, type IssuedToken, type TokenProvider } from './token-provider';
import type { WeChatTransport } from '../transport/wechat-transport';

/** The third-party platform ("component"), as configured. */
export interface ComponentCredentials {
  readonly appid: string;
  readonly secret: string;
  /** The message token that signs WeChat's pushes. */
  readonly token: string;
  /** The 43-character EncodingAESKey that encrypts them. */
  readonly aesKey: string;
}

/**
 * The platform's own token, `component_access_token`, through
 * `POST /cgi-bin/component/api_component_token`
 * `{component_appid, component_appsecret, component_verify_ticket}` →
 * `{component_access_token, expires_in}`. It needs the latest verify ticket WeChat pushed to the
 * callback (stored as data); before the first push there is none, and the answer says so.
 *
 * A `TokenProvider` keyed by the component appid, so the authorizer calls that need it can use
 * `withToken` (one refresh, one retry when WeChat refuses it).
 */
export class ComponentTokenProvider implements TokenProvider {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly component: Pick<ComponentCredentials, 'appid' | 'secret'>,
    private readonly store: Store,
    private readonly cache: SharedTokenCache,
  ) {}

  token(componentAppid: string, refused?: string): Promise<WeChatResult<string>> {
    return this.cache.get(this.key(componentAppid), () => this.fetch(), refused);
  }

  invalidate(componentAppid: string, failedToken: string): Promise<void> {
    return this.cache.invalidate(this.key(componentAppid), failedToken);
  }

  private key(componentAppid: string): string {
    if (componentAppid !== this.component.appid) throw new Error(`component ${componentAppid} is not the configured platform`);
    return `component:${componentAppid}`;
  }

  private async fetch(): Promise<WeChatResult<IssuedToken>> {
    const { appid, secret } = this.component;
    const ticket = await this.store.getTicket(appid);
    if (ticket === undefined) {
      return failure({ kind: 'no-credentials', appid, tried: [{ source: 'platform', componentAppid: appid, outcome: 'no-verify-ticket' }] });
    }
    const answer = await this.transport.send({
      method: 'POST',
      path: '/cgi-bin/component/api_component_token',
      body: { component_appid: appid, component_appsecret: secret, component_verify_ticket: ticket.value },
      stage: 'token',
    });
    return answer.ok ? issuedTokenIn(answer.data, 'component_access_token', 'api_component_token') : answer;
  }
}
