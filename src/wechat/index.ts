import type { Store } from '../stores/store';
import { AuthorizerTokenProvider } from './component/authorizer-token';
import { ComponentCallback } from './component/callback';
import { ComponentTokenProvider, type ComponentCredentials } from './component/component-token';
import { TicketKeeper } from './component/ticket-keeper';
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
  /** Platform mode: a stored verify ticket older than this (or none) makes the gateway ask WeChat to push again; 0: never. */
  readonly ticketMaxAgeMs?: number;
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
    ticketKeeper = new TicketKeeper(transport, options.component, options.store, options.logger, { maxAgeMs: options.ticketMaxAgeMs ?? DEFAULT_TICKET_MAX_AGE_MS });
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
    ticketAgeSeconds: () => ticketKeeper?.ticketAgeSeconds() ?? Promise.resolve(undefined),
    start: () => ticketKeeper?.start(),
    async close() {
      await ticketKeeper?.stop();
      await transport.close();
    },
  };
}

/** An hour: six missed pushes, and still 11 hours before the last ticket stops working. */
export const DEFAULT_TICKET_MAX_AGE_MS = 3_600_000;
