import type { Store } from '../stores/store';
import { AuthorizerTokenProvider } from './component/authorizer-token';
import { ComponentCallback } from './component/callback';
import { ComponentTokenProvider, type ComponentCredentials } from './component/component-token';
import { AccountCaller } from './calls/account-call';
import { QuotaApi } from './calls/quota';
import { RidApi } from './calls/rid';
import { OpenAccountApi } from './open-account';
import { CredentialRouter } from './tokens/credential-router';
import { SharedTokenCache } from './tokens/shared-token-cache';
import { StableTokenProvider } from './tokens/stable-token';
import { WeChatTransport, type TransportOptions } from './transport';

export interface WeChatOptions extends TransportOptions {
  /** appid → appsecret, for accounts that call for themselves. */
  readonly apps: ReadonlyMap<string, string>;
  /** The third-party platform, when the gateway acts for authorizers. */
  readonly component: ComponentCredentials | undefined;
  /** Where tokens, the verify ticket and refresh tokens live. */
  readonly store: Store;
}

/** The WeChat layer, assembled: what the GraphQL layer may call, and how to shut it down. */
export interface WeChat {
  readonly openAccounts: OpenAccountApi;
  /** An account's API quotas (quota/get, clear_quota). */
  readonly quota: QuotaApi;
  /** What WeChat saw of a call, by its rid (rid/get), credentials removed. */
  readonly requests: RidApi;
  /** The platform's authorization event handler (POST /wechat/component/callback), in platform mode. */
  readonly componentCallback: ComponentCallback | undefined;
  /** Upstream requests in flight and queued, now. */
  load(): { inFlight: number; queued: number };
  close(): Promise<void>;
}

export function createWeChat(options: WeChatOptions): WeChat {
  const transport = new WeChatTransport(options);
  const cache = new SharedTokenCache(options.store);
  const own = new StableTokenProvider(transport, options.apps, cache);
  let authorizers: AuthorizerTokenProvider | undefined;
  let componentCallback: ComponentCallback | undefined;
  if (options.component !== undefined) {
    const componentTokens = new ComponentTokenProvider(transport, options.component, options.store, cache);
    authorizers = new AuthorizerTokenProvider(transport, options.component.appid, componentTokens, options.store, cache);
    componentCallback = new ComponentCallback(options.component, options.store, authorizers, options.logger);
  }
  const router = new CredentialRouter(own, authorizers);
  const caller = new AccountCaller(transport, router);
  return {
    openAccounts: new OpenAccountApi(transport, router),
    quota: new QuotaApi(caller),
    requests: new RidApi(caller),
    componentCallback,
    load: () => transport.load(),
    close: () => transport.close(),
  };
}
