import { OpenAccountApi } from './open-account';
import { StableTokenProvider } from './tokens/stable-token';
import { TokenCache } from './tokens/token-cache';
import { WeChatTransport, type TransportOptions } from './transport';

export interface WeChatOptions extends TransportOptions {
  /** appid → appsecret, for accounts that call for themselves. */
  readonly apps: ReadonlyMap<string, string>;
}

/** The WeChat layer, assembled: what the GraphQL layer may call, and how to shut it down. */
export interface WeChat {
  readonly openAccounts: OpenAccountApi;
  /** Upstream requests in flight and queued, now. */
  load(): { inFlight: number; queued: number };
  close(): Promise<void>;
}

export function createWeChat(options: WeChatOptions): WeChat {
  const transport = new WeChatTransport(options);
  const tokens = new StableTokenProvider(transport, options.apps, new TokenCache());
  return {
    openAccounts: new OpenAccountApi(transport, tokens),
    load: () => transport.load(),
    close: () => transport.close(),
  };
}
