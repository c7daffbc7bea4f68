/**
 * The WeChat layer's only door: what the layers above (GraphQL, auth, the composition root) may
 * use. It knows WeChat and nothing of GraphQL or of serving HTTP. Inside, the layers call only
 * downward: calls/ → tokens/ → transport/ → vocabulary/; component/ (the platform's push
 * receiver) uses tokens/; tokens/ and component/ use the stores.
 */
import type { Store } from '../stores';
import { AuthorizerTokenProvider } from './tokens/authorizer-token';
import { ComponentCallback } from './component/callback';
import { ComponentTokenProvider, type ComponentCredentials } from './tokens/component-token';
import { OpenAccountApi } from './calls/open-account';
import { ReadCache } from './calls/read-cache';
import { CredentialRouter } from './tokens/credential-router';
import { SharedTokenCache } from './tokens/shared-token-cache';
import { StableTokenProvider } from './tokens/stable-token';
import { WeChatTransport, type TransportOptions } from './transport/wechat-transport';

export { APPID_RULE, isAppId } from './vocabulary/appid';
export { describeErrcode } from './vocabulary/errcodes';
export type * from './vocabulary/result';
export { Deadline } from './transport/deadline';
export type { WeChatObserver } from './transport/observer';
export type { OpenAccountApi, OperationChanges } from './calls/open-account';
export type { Fetched } from './calls/read-cache';
export type { ComponentCredentials } from './tokens/component-token';
export type { ComponentCallback } from './component/callback';

/** What the configuration gives the WeChat layer (src/config.ts reads it from the environment). */
export interface WeChatConfig extends Omit<TransportOptions, 'logger' | 'observer' | 'retry'> {
  /** appid → appsecret, for accounts that call for themselves. */
  readonly apps: ReadonlyMap<string, string>;
  /** The third-party platform, when the gateway acts for authorizers. */
  readonly component: ComponentCredentials | undefined;
  /** Upstream reads one GraphQL operation may have in flight at once (its loaders' cap). */
  readonly readConcurrency: number;
  /** How long get and have answers are cached in the store (WECHAT_READ_CACHE_SECONDS); undefined: no read cache. */
  readonly readCacheSeconds: number | undefined;
  /** How far from now a platform push's timestamp may be, in seconds, either way. */
  readonly pushWindowSeconds: number;
}

export interface WeChatOptions extends TransportOptions, Omit<WeChatConfig, keyof TransportOptions> {
  /** Where tokens, the verify ticket and refresh tokens live, and the read cache. */
  readonly store: Store;
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
    componentCallback = new ComponentCallback(options.component, options.store, authorizers, options.logger, { windowSeconds: options.pushWindowSeconds });
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
