import type { Store } from '../stores/store';
import { AuthorizerTokenProvider } from './component/authorizer-token';
import { ComponentCallback } from './component/callback';
import { ComponentTokenProvider, type ComponentCredentials } from './component/component-token';
import { OpenAccountApi } from './open-account';
import { ReadCache } from './read-cache';
import { CredentialRouter } from './tokens/credential-router';
import { SharedTokenCache } from './tokens/shared-token-cache';
import { StableTokenProvider } from './tokens/stable-token';
import { WeChatTransport, type TransportOptions } from './transport';

export interface WeChatOptions extends TransportOptions {
  /** appid → appsecret, for accounts that call for themselves. */
  readonly apps: ReadonlyMap<string, string>;
  /** The third-party platform, when the gateway acts for authorizers. */
  readonly component: ComponentCredentials | undefined;
  /** Where tokens, the verify ticket and refresh tokens live (and cached reads). */
  readonly store: Store;
  /** Cache get and have answers in the store for this long (WECHAT_READ_CACHE_SECONDS); unset or 0: off. */
  readonly readCacheSeconds?: number | undefined;
}

/** The WeChat layer, assembled: what the GraphQL layer may call, and how to shut it down. */
export interface WeChat {
  readonly openAccounts: OpenAccountApi;
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
  const readCache = options.readCacheSeconds
    ? new ReadCache(options.store, { ttlSeconds: options.readCacheSeconds, logger: options.logger, ...(options.observer ? { observer: options.observer } : {}) })
    : undefined;
  return {
    openAccounts: new OpenAccountApi(transport, new CredentialRouter(own, authorizers), readCache),
    componentCallback,
    load: () => transport.load(),
    close: () => transport.close(),
  };
}
