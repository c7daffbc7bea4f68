import type { Caller } from '../auth/caller';
import type { Deadline } from '../wechat/deadline';
import type { QuotaApi } from '../wechat/calls/quota';
import type { RidApi } from '../wechat/calls/rid';
import type { OpenAccountApi } from '../wechat/open-account';
import type { OpenAccountLoaders } from './open-account/open-account.loader';

/** What every resolver can reach: the WeChat calls and this operation's loaders, nothing of HTTP. */
export interface GatewayContext {
  readonly openAccounts: OpenAccountApi;
  readonly loaders: OpenAccountLoaders;
  /** An account's API quotas (diagnostics). */
  readonly quota: QuotaApi;
  /** What WeChat saw of a call, by rid (diagnostics). */
  readonly requests: RidApi;
  /** Who sent the request, authenticated before the operation ran (src/auth). */
  readonly caller: Caller;
  /** Charges the appid's rate limit, once per operation; throws RATE_LIMITED when over. */
  readonly chargeAppid: (appid: string) => Promise<void>;
  /** The operation's deadline, which every WeChat call of `openAccounts` keeps; ended with the response. */
  readonly deadline: Deadline;
}
