import { bulkhead } from 'cockatiel';
import DataLoader from 'dataloader';
import type { OpenAccountApi, WeChatResult } from '../../wechat';

/** The reads of one GraphQL operation, each appid at most once. */
export interface OpenAccountLoaders {
  /** WeChat's get, by appid. */
  readonly openAccount: DataLoader<string, WeChatResult<string>>;
  /** WeChat's have, by appid. */
  readonly hasOpenAccount: DataLoader<string, WeChatResult<boolean>>;
  /** Forgets what this operation read about `appid`: called after a change to it succeeds. */
  forget(appid: string): void;
}

/**
 * Per-request loaders for the open-account reads. WeChat has no batch call, so a loader does
 * not merge keys into one request: it dedupes them (the same appid asked for by any number of
 * fields or entities in one operation is read once) and bounds them (distinct appids are read
 * in parallel, at most `concurrency` at a time for the whole operation, so one large
 * `_entities` call cannot open hundreds of upstream requests at once). Results are cached for
 * the operation only: a new operation reads WeChat afresh.
 */
export function createOpenAccountLoaders(api: OpenAccountApi, concurrency: number): OpenAccountLoaders {
  const limit = bulkhead(concurrency, Number.POSITIVE_INFINITY);
  const loader = <T>(read: (appid: string) => Promise<WeChatResult<T>>) =>
    new DataLoader<string, WeChatResult<T>>((appids) => Promise.all(appids.map((appid) => limit.execute(() => read(appid)))));

  const openAccount = loader((appid) => api.get(appid));
  const hasOpenAccount = loader((appid) => api.have(appid));
  return {
    openAccount,
    hasOpenAccount,
    forget(appid) {
      openAccount.clear(appid);
      hasOpenAccount.clear(appid);
    },
  };
}
