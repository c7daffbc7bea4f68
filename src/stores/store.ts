/**
 * Where credentials live, behind one small interface. Two kinds of thing with different rules:
 *
 * - **Cache**: access tokens (own-account, component, authorizer). Refetchable from WeChat, so
 *   they expire with the token and may be lost at any time. Beside them, the refresh locks.
 *   The read cache's answers (get, have) are cache too.
 * - **Data**: the platform's `component_verify_ticket` and each authorizer's refresh token. Not
 *   refetchable: losing the ticket stops the platform until WeChat's next push, losing a refresh
 *   token makes the merchant authorise again. They are written durably and never expire here.
 *   Idempotency records are data too (a lost one lets a client's retry apply twice), written as
 *   durably, but they expire after their configured time.
 *
 * Implementations: the embedded store, `MemoryStore` with a `FileDataStore` and a
 * `FileRecordStore` (tokens and locks in memory, data in local files; one process), and
 * `RedisStore` (everything in Redis, shared by every replica). A store that cannot be
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

  // ---- read cache (src/wechat/read-cache.ts) ----
  /** The appid's cached reads that have not expired (name → value), and their generation. */
  getCachedReads(appid: string): Promise<CachedReads>;
  /**
   * Caches `value` under `name` for `ttlMs`, only while the appid's generation is still
   * `generation`: a read that began before a change must not store what it saw. True when stored.
   */
  putCachedRead(appid: string, name: string, value: string, generation: number, ttlMs: number): Promise<boolean>;
  /** Drops every cached read of `appid` and starts its next generation (a change was sent). */
  dropCachedReads(appid: string): Promise<void>;

  // ---- data ----
  getTicket(componentAppid: string): Promise<VerifyTicket | undefined>;
  /** Stores the ticket unless a newer one (by `createTime`) is already stored. */
  putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void>;
  getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined>;
  putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void>;
  deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void>;

  // ---- idempotency records (data: src/http/idempotency/) ----
  /** Stores `value` under `key` for `ttlMs` unless a record is there: undefined when stored, else the record there. */
  createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined>;
  getRecord(key: string): Promise<string | undefined>;
  /** Replaces the record under `key` with `value` (for `ttlMs`) only while it still is `expected`. True when replaced. */
  replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the record under `key` only while it still is `expected`. */
  deleteRecord(key: string, expected: string): Promise<void>;

  // ---- pushes (they matter only within the push window, so they expire) ----
  /** Claims `key` for `ttlMs` unless it is claimed already: true only for the first claim (SET NX PX). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim up, so the same key can be claimed again (its push was not applied). */
  releaseClaim(key: string): Promise<void>;
  /**
   * The latest event applied under `key` (an authorizer's authorisation events), if recent. Kept
   * with the data (the embedded store's state file), so a restart does not let an older event
   * undo a newer one.
   */
  getLatestEvent(key: string): Promise<AppliedEvent | undefined>;
  putLatestEvent(key: string, event: AppliedEvent, ttlMs: number): Promise<void>;

  /** False while the store is known to be unreachable (Redis down): the service cannot serve, /readyz says so. */
  available(): boolean;

  close(): Promise<void>;
}

/** A push applied: its CreateTime (epoch seconds) and InfoType, to order the ones that follow. */
export interface AppliedEvent {
  readonly createTime: number;
  readonly infoType: string;
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

/** An appid's cached reads, and the generation a new read must see unchanged to store its own. */
export interface CachedReads {
  readonly generation: number;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * How long an appid's generation is kept after its last change or read. A read that began before
 * a change must find the generation changed when it tries to store its answer; reads end with their
 * operation's deadline (at most 2 minutes), so an hour is far beyond any read in flight.
 */
export const READ_GENERATION_KEEP_MS = 60 * 60_000;

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

/** The idempotency records of a store, on their own: the embedded store keeps them in a file. */
export type RecordStore = Pick<Store, 'createRecord' | 'getRecord' | 'replaceRecord' | 'deleteRecord'>;

/** The data half of a store, on its own: the embedded store keeps it in a file. */
export type DataStore = Pick<Store, 'getTicket' | 'putTicket' | 'getRefreshToken' | 'putRefreshToken' | 'deleteRefreshToken' | 'getLatestEvent' | 'putLatestEvent'>;
