import type { OpenAccountApi } from '../wechat/open-account';
import type { OpenAccountLoaders } from './open-account/open-account.loader';

/** What every resolver can reach: the WeChat calls and this operation's loaders, nothing of HTTP. */
export interface GatewayContext {
  readonly openAccounts: OpenAccountApi;
  readonly loaders: OpenAccountLoaders;
}
