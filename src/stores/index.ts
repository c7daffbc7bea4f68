import type { Logger } from 'pino';
import { dirname, join } from 'node:path';
import { FileRecordStore } from './file-records';
import { FileDataStore } from './file-store';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { Store } from './store';
import type { StoreConfig } from './store-config';

export { StoreUnavailableError, type AppliedEvent, type DataStore, type RecordStore, type Store, type StoredToken, type VerifyTicket } from './store';
export { FileDataStore } from './file-store';
export { FileRecordStore, MemoryRecordStore } from './file-records';
export { MemoryDataStore, MemoryStore } from './memory-store';
export { RedisStore } from './redis-store';
export { parseSentinels, type RedisDurability, type RedisTarget, type SentinelTarget } from './redis-connection';
export { readStoreConfig, type StoreConfig } from './store-config';
export { tracedStore } from './traced-store';

/** The embedded store's idempotency records: `idempotency.json` beside the state file. */
export function recordsFileOf(stateFile: string): string {
  return join(dirname(stateFile), 'idempotency.json');
}

export interface StoreOptions extends StoreConfig {
  readonly logger: Logger;
}

/** The store the configuration asks for, connected. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.redis === undefined) {
    return new MemoryStore({ data: new FileDataStore(options.stateFile), records: new FileRecordStore(recordsFileOf(options.stateFile)) });
  }
  const store = new RedisStore(options.redis, options.redisKeyPrefix, options.logger, options.redisDurability);
  await store.connect();
  return store;
}
