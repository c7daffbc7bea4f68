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
import { AccountCaller } from './calls/account-call';
import { QuotaApi } from './calls/quota';
import { RidApi } from './calls/rid';
import { TicketKeeper } from './tokens/ticket-keeper';
import { ReadCache } from './calls/read-cache';
import { CredentialRouter } from './tokens/credential-router';
import { SharedTokenCache } from './tokens/shared-token-cache';
import { StableTokenProvider } from './tokens/stable-token';
import { WeChatTransport, type TransportOptions } from './transport/wechat-transport';

export { APPID_RULE, isAppId } from './vocabulary/appid';
export { describeErrcode, retryAfterSeconds } from './vocabulary/errcodes';
export type * from './vocabulary/result';
export { Deadline } from './transport/deadline';
export type { WeChatObserver } from './transport/observer';
export type { OpenAccountApi, OperationChanges } from './calls/open-account';
export type { Fetched } from './calls/read-cache';
export { CGI_PATH_RULE, isCgiPath, type ApiQuota, type QuotaApi } from './calls/quota';
export { isRequestId, RID_RULE, type RequestRecord, type RidApi } from './calls/rid';
export type { ComponentCredentials } from './tokens/component-token';
export type { ComponentCallback } from './component/callback';

/** What the configuration gives the WeChat layer (src/config/ reads it from the environment). */
export interface WeChatConfig extends Omit<TransportOptions, 'logger' | 'observer'> {
  /** appid → appsecret, for accounts that call for themselves. */
  readonly apps: ReadonlyMap<string, string>;
  /** The third-party platform, when the gateway acts for authorizers. */
  readonly component: ComponentCredentials | undefined;
  /** Upstream reads one GraphQL operation may have in flight at once (its loaders' cap). */
  readonly readConcurrency: number;
  /** Platform mode: a stored verify ticket older than this (or none) makes the gateway ask WeChat to push again; 0: never. */
  readonly ticketMaxAgeMs: number;
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
  /** An account's API quotas (quota/get, clear_quota). */
  readonly quota: QuotaApi;
  /** What WeChat saw of a call, by its rid (rid/get), credentials removed. */
  readonly requests: RidApi;
  /** The platform's authorization event handler (POST /wechat/component/callback), in platform mode. */
  readonly componentCallback: ComponentCallback | undefined;
  /** Upstream requests in flight and queued, now. */
  load(): { inFlight: number; queued: number };
  /** Platform mode: the stored verify ticket's age in seconds (undefined: none, or not a platform). */
  ticketAgeSeconds(): Promise<number | undefined>;
  /** Starts background work (the platform's ticket keeper); call once the callback route is served. */
  start(): void;
  close(): Promise<void>;
}

export function createWeChat(options: WeChatOptions): WeChat {
  const transport = new WeChatTransport(options);
  const cache = new SharedTokenCache(options.store);
  const own = new StableTokenProvider(transport, options.apps, cache);
  let authorizers: AuthorizerTokenProvider | undefined;
  let componentCallback: ComponentCallback | undefined;
  let ticketKeeper: TicketKeeper | undefined;
  if (options.component !== undefined) {
    ticketKeeper = new TicketKeeper(transport, options.component, options.store, options.logger, { maxAgeMs: options.ticketMaxAgeMs });
    const componentTokens = new ComponentTokenProvider(transport, options.component, options.store, cache);
    authorizers = new AuthorizerTokenProvider(transport, options.component.appid, componentTokens, options.store, cache);
    componentCallback = new ComponentCallback(options.component, options.store, authorizers, options.logger, { windowSeconds: options.pushWindowSeconds });
  }
  const readCache = options.readCacheSeconds
    ? new ReadCache(options.store, { ttlSeconds: options.readCacheSeconds, logger: options.logger, ...(options.observer ? { observer: options.observer } : {}) })
    : undefined;
  const router = new CredentialRouter(own, authorizers);
  const caller = new AccountCaller(transport, router);
  return {
    openAccounts: new OpenAccountApi(transport, router, readCache),
    quota: new QuotaApi(caller),
    requests: new RidApi(caller),
    componentCallback,
    load: () => transport.load(),
    ticketAgeSeconds: () => ticketKeeper?.ticketAgeSeconds() ?? Promise.resolve(undefined),
    start: () => ticketKeeper?.start(),
    async close() {
      await ticketKeeper?.stop();
      await transport.close();
    },
  };
}
