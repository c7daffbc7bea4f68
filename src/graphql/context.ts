import type { OpenAccountApi } from '../wechat/open-account';

/** What every resolver can reach: the WeChat calls, and nothing of HTTP. */
export interface GatewayContext {
  readonly openAccounts: OpenAccountApi;
}
