import type { Logger } from 'pino';
import { FileDataStore } from './file-store';
import { MemoryStore } from './memory-store';
import type { RedisDurability, RedisTarget } from './redis-connection';
import { RedisStore } from './redis-store';
import type { Store } from './store';

export { StoreUnavailableError, type DataStore, type Store, type StoredToken, type VerifyTicket } from './store';
export { FileDataStore } from './file-store';
export { MemoryDataStore, MemoryStore } from './memory-store';
export { RedisStore } from './redis-store';
export type { RedisDurability, RedisTarget, SentinelTarget } from './redis-connection';

export interface StoreOptions {
  /** Set: everything in Redis, shared by every replica. Unset: the embedded store. */
  readonly redis: RedisTarget | undefined;
  readonly redisKeyPrefix: string;
  readonly redisDurability?: RedisDurability;
  /** The embedded store's state file (ticket and refresh tokens). */
  readonly stateFile: string;
  readonly logger: Logger;
}

/** The store the configuration asks for, connected. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.redis === undefined) return new MemoryStore({ data: new FileDataStore(options.stateFile) });
  const store = new RedisStore(options.redis, options.redisKeyPrefix, options.logger, options.redisDurability);
  await store.connect();
  return store;
}
