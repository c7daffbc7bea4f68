/**
 * Where credentials live, behind one small interface. Two kinds of thing with different rules:
 *
 * - **Cache**: access tokens (own-account, component, authorizer). Refetchable from WeChat, so
 *   they expire with the token and may be lost at any time. Beside them, the refresh locks.
 * - **Data**: the platform's `component_verify_ticket` and each authorizer's refresh token. Not
 *   refetchable: losing the ticket stops the platform until WeChat's next push, losing a refresh
 *   token makes the merchant authorise again. They are written durably and never expire here.
 *
 * Implementations: the embedded store, `MemoryStore` with a `FileDataStore` (tokens and locks in
 * memory, data in a local state file; one process), and `RedisStore` (everything in Redis, shared by every replica). A store that cannot be
 * reached throws `StoreUnavailableError`; the token layer turns it into a `store-unavailable`
 * result, never into a token fetch.
 */
export interface Store {
  readonly kind: 'embedded' | 'redis';

  // ---- cache ----
  /** The token cached under `key`, if any (it may be past `refreshAt`, never past `expiresAt`). */
  getToken(key: string): Promise<StoredToken | undefined>;
  /** Caches `token` until its `expiresAt`. */
  putToken(key: string, token: StoredToken): Promise<void>;
  /** Compare-and-delete: drops the token only while it is still `value`. True when it did. */
  deleteTokenIf(key: string, value: string): Promise<boolean>;
  /** Drops the token whatever it is (an authorizer that revoked the platform). */
  deleteToken(key: string): Promise<void>;

  // ---- refresh locks ----
  /** Takes `key` for `owner` for `ttlMs`, if nobody holds it. True when taken. */
  tryLock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases `key` only if `owner` still holds it (an expired lock may have passed to another). */
  unlock(key: string, owner: string): Promise<void>;

  // ---- data ----
  getTicket(componentAppid: string): Promise<VerifyTicket | undefined>;
  /** Stores the ticket unless a newer one (by `createTime`) is already stored. */
  putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void>;
  getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined>;
  putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void>;
  deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void>;

  close(): Promise<void>;
}

export interface StoredToken {
  readonly value: string;
  /** Epoch ms after which a caller should refresh it (ahead of expiry). */
  readonly refreshAt: number;
  /** Epoch ms at which WeChat stops accepting it. */
  readonly expiresAt: number;
}

export interface VerifyTicket {
  readonly value: string;
  /** The push's CreateTime (epoch seconds): a replayed older push never replaces a newer ticket. */
  readonly createTime: number;
}

/** The store cannot be reached (Redis down, state file unwritable). `detail` holds no credential. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly store: Store['kind'],
    detail: string,
  ) {
    super(detail);
  }
}

/** The data half of a store, on its own: the embedded store keeps it in a file. */
export type DataStore = Pick<Store, 'getTicket' | 'putTicket' | 'getRefreshToken' | 'putRefreshToken' | 'deleteRefreshToken'>;
