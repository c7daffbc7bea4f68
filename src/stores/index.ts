import type { Logger } from 'pino';
import { dirname, join } from 'node:path';
import { FileRecordStore } from './file-records';
import { FileDataStore } from './file-store';
import { MemoryStore } from './memory-store';
import type Redis from 'ioredis';
import type { Store } from './store';
import type { StoreConfig } from './store-config';

export { StoreUnavailableError, type AppliedEvent, type DataStore, type RecordStore, type Store, type StoredToken, type VerifyTicket } from './store';
export { FileDataStore } from './file-store';
export { FileRecordStore, MemoryRecordStore } from './file-records';
export { MemoryDataStore, MemoryStore } from './memory-store';
export type { RedisStore } from './redis-store';
export type { RedisDurability, RedisTarget, SentinelTarget } from './redis-connection';
export { parseSentinels, readStoreConfig, type StoreConfig } from './store-config';
export { tracedStore } from './traced-store';

/** The embedded store's idempotency records: `idempotency.json` beside the state file. */
export function recordsFileOf(stateFile: string): string {
  return join(dirname(stateFile), 'idempotency.json');
}

export interface StoreOptions extends StoreConfig {
  readonly logger: Logger;
}

/** The store the configuration asks for, connected; `redis` is its client when it is Redis (the rate limits share it). */
export async function openStore(options: StoreOptions): Promise<{ store: Store; redis: Redis | undefined }> {
  if (options.redis === undefined) {
    return { store: new MemoryStore({ data: new FileDataStore(options.stateFile), records: new FileRecordStore(recordsFileOf(options.stateFile)) }), redis: undefined };
  }
  // ioredis is loaded only for a Redis store: about 18 MB resident a gateway without Redis does not carry.
  const { RedisStore } = require('./redis-store') as typeof import('./redis-store');
  const store = new RedisStore(options.redis, options.redisKeyPrefix, options.logger, options.redisDurability);
  await store.connect();
  return { store, redis: store.redis };
}
