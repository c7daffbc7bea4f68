import type { Logger } from 'pino';
import { dirname, join } from 'node:path';
import { FileRecordStore } from './file-records';
import { FileDataStore } from './file-store';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { Store } from './store';

export { StoreUnavailableError, type AppliedEvent, type DataStore, type RecordStore, type Store, type StoredToken, type VerifyTicket } from './store';
export { FileDataStore } from './file-store';
export { FileRecordStore, MemoryRecordStore } from './file-records';
export { MemoryDataStore, MemoryStore } from './memory-store';
export { RedisStore } from './redis-store';

/** Where credentials live: Redis when `redisUrl` is set, else memory and `stateFile`. */
export interface StoreConfig {
  /** Set: everything in Redis, shared by every replica. Unset: the embedded store. */
  readonly redisUrl: string | undefined;
  /** Prefix of every key in Redis, so one Redis can serve several gateways. */
  readonly redisKeyPrefix: string;
  /** The embedded store's state file (verify ticket and refresh tokens); idempotency records go beside it. */
  readonly stateFile: string;
}

/** The embedded store's idempotency records: `idempotency.json` beside the state file. */
export function recordsFileOf(stateFile: string): string {
  return join(dirname(stateFile), 'idempotency.json');
}

export interface StoreOptions extends StoreConfig {
  readonly logger: Logger;
}

/** The store the configuration asks for, connected. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.redisUrl === undefined) {
    return new MemoryStore({ data: new FileDataStore(options.stateFile), records: new FileRecordStore(recordsFileOf(options.stateFile)) });
  }
  const store = new RedisStore(options.redisUrl, options.redisKeyPrefix, options.logger);
  await store.connect();
  return store;
}
