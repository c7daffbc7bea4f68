import { bulkhead } from 'cockatiel';
import DataLoader from 'dataloader';
import type { Fetched, OpenAccountApi } from '../../wechat';

/** One read: an appid, and the oldest cached answer the field accepts (`maxAge`, seconds). */
export interface ReadKey {
  readonly appid: string;
  readonly maxAge: number | undefined;
}

/** The reads of one GraphQL operation, each appid (and maxAge) at most once. */
export interface OpenAccountLoaders {
  /** WeChat's get, by appid, through the read cache when there is one. */
  readonly openAccount: DataLoader<ReadKey, Fetched<string>, string>;
  /** WeChat's have, by appid, through the read cache when there is one. */
  readonly hasOpenAccount: DataLoader<ReadKey, Fetched<boolean>, string>;
  /** Forgets what this operation read about `appid`: called after a change to it succeeds. */
  forget(appid: string): void;
}

/**
 * Per-request loaders for the open-account reads. WeChat has no batch call, so a loader does
 * not merge keys into one request: it dedupes them (the same appid asked for by any number of
 * fields or entities in one operation is read once) and bounds them (distinct appids are read
 * in parallel, at most `concurrency` at a time for the whole operation, so one large
 * `_entities` call cannot open hundreds of upstream requests at once). Results are cached for
 * the operation only: a new operation reads afresh (from the read cache, when there is one).
 */
export function createOpenAccountLoaders(api: OpenAccountApi, concurrency: number): OpenAccountLoaders {
  return new LoadersAtFirstRead(api, concurrency);
}

/**
 * Built at the first read: most operations (every mutation) read nothing, and then pay nothing.
 * A class, not an object literal with getters: V8 makes such a literal slowly on every request.
 */
class LoadersAtFirstRead implements OpenAccountLoaders {
  private built: OpenAccountLoaders | undefined;

  constructor(
    private readonly api: OpenAccountApi,
    private readonly concurrency: number,
  ) {}

  get openAccount(): OpenAccountLoaders['openAccount'] {
    return this.loaders().openAccount;
  }

  get hasOpenAccount(): OpenAccountLoaders['hasOpenAccount'] {
    return this.loaders().hasOpenAccount;
  }

  forget(appid: string): void {
    this.built?.forget(appid);
  }

  private loaders(): OpenAccountLoaders {
    return (this.built ??= buildLoaders(this.api, this.concurrency));
  }
}

function buildLoaders(api: OpenAccountApi, concurrency: number): OpenAccountLoaders {
  const limit = bulkhead(concurrency, Number.POSITIVE_INFINITY);
  // The maxAge values read per appid, so forget() can clear each of that appid's keys.
  const maxAges = new Map<string, Set<number | undefined>>();
  const loader = <T>(read: (key: ReadKey) => Promise<Fetched<T>>) =>
    new DataLoader<ReadKey, Fetched<T>, string>(
      (keys) =>
        Promise.all(
          keys.map((key) => {
            let seen = maxAges.get(key.appid);
            if (seen === undefined) maxAges.set(key.appid, (seen = new Set()));
            seen.add(key.maxAge);
            return limit.execute(() => read(key));
          }),
        ),
      { cacheKeyFn: (key) => (key.maxAge === undefined ? key.appid : `${key.appid}@${key.maxAge}`) },
    );

  const openAccount = loader((key) => api.readGet(key.appid, key.maxAge));
  const hasOpenAccount = loader((key) => api.readHave(key.appid, key.maxAge));
  return {
    openAccount,
    hasOpenAccount,
    forget(appid) {
      for (const maxAge of maxAges.get(appid) ?? [undefined]) {
        openAccount.clear({ appid, maxAge });
        hasOpenAccount.clear({ appid, maxAge });
      }
    },
  };
}
