import { MemoryRecordStore } from './file-records';
import { READ_GENERATION_KEEP_MS, type AppliedEvent, type CachedReads, type DataStore, type RecordStore, type Store, type StoredToken, type VerifyTicket } from './store';

/** One appid's cached reads: what the read cache keeps, and until when its generation is kept. */
interface AppReads {
  generation: number;
  readonly values: Map<string, { readonly value: string; readonly expiresAt: number }>;
  keepUntil: number;
}

/** Writes between two sweeps of appids whose reads and generation have all expired. */
const SWEEP_EVERY = 1_000;

/**
 * Tokens, locks and cached reads in this process's memory; data in `data` (the state file, for
 * the embedded store) and idempotency records in `records` (their own file), or, without them,
 * in memory too (tests). One process only: its locks mean nothing to
 * another process, which is why several replicas need `RedisStore`.
 */
export class MemoryStore implements Store {
  readonly kind = 'embedded';
  private readonly tokens = new Map<string, StoredToken>();
  private readonly locks = new Map<string, { owner: string; until: number }>();
  private readonly reads = new Map<string, AppReads>();
  private readWrites = 0;
  /** Push claims with their expiry (epoch ms); pruned as new ones come. */
  private readonly claims = new Map<string, number>();
  private readonly data: DataStore;
  private readonly records: RecordStore;

  constructor(options: { data?: DataStore; records?: RecordStore; now?: () => number } = {}) {
    this.data = options.data ?? new MemoryDataStore();
    this.records = options.records ?? new MemoryRecordStore(options.now);
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  async getToken(key: string): Promise<StoredToken | undefined> {
    const token = this.tokens.get(key);
    if (token !== undefined && this.now() >= token.expiresAt) {
      this.tokens.delete(key);
      return undefined;
    }
    return token;
  }

  async putToken(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, token);
  }

  async deleteTokenIf(key: string, value: string): Promise<boolean> {
    if (this.tokens.get(key)?.value !== value) return false;
    this.tokens.delete(key);
    return true;
  }

  async deleteToken(key: string): Promise<void> {
    this.tokens.delete(key);
  }

  async tryLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const held = this.locks.get(key);
    if (held !== undefined && held.until > this.now()) return false;
    this.locks.set(key, { owner, until: this.now() + ttlMs });
    return true;
  }

  async unlock(key: string, owner: string): Promise<void> {
    if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
  }

  async getCachedReads(appid: string): Promise<CachedReads> {
    const entry = this.reads.get(appid);
    const values = new Map<string, string>();
    const now = this.now();
    if (entry === undefined || entry.keepUntil <= now) return { generation: 0, values };
    for (const [name, cached] of entry.values) {
      if (cached.expiresAt > now) values.set(name, cached.value);
      else entry.values.delete(name);
    }
    return { generation: entry.generation, values };
  }

  async putCachedRead(appid: string, name: string, value: string, generation: number, ttlMs: number): Promise<boolean> {
    const entry = this.appReads(appid);
    if (entry.generation !== generation) return false;
    entry.values.set(name, { value, expiresAt: this.now() + ttlMs });
    entry.keepUntil = Math.max(entry.keepUntil, this.now() + Math.max(ttlMs, READ_GENERATION_KEEP_MS));
    return true;
  }

  async dropCachedReads(appid: string): Promise<void> {
    const entry = this.appReads(appid);
    entry.generation += 1;
    entry.values.clear();
    entry.keepUntil = Math.max(entry.keepUntil, this.now() + READ_GENERATION_KEEP_MS);
  }

  /** The appid's entry, made if missing; every so often, appids whose generation has expired are forgotten. */
  private appReads(appid: string): AppReads {
    this.readWrites += 1;
    if (this.readWrites % SWEEP_EVERY === 0) {
      const now = this.now();
      for (const [key, entry] of this.reads) if (entry.keepUntil <= now) this.reads.delete(key);
    }
    let entry = this.reads.get(appid);
    if (entry === undefined || entry.keepUntil <= this.now()) {
      entry = { generation: 0, values: new Map(), keepUntil: 0 };
      this.reads.set(appid, entry);
    }
    return entry;
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // Expired claims go as new ones come, so the map holds about one push window of them.
    for (const [claimed, until] of this.claims) if (until <= now) this.claims.delete(claimed);
    if (this.claims.has(key)) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  async releaseClaim(key: string): Promise<void> {
    this.claims.delete(key);
  }

  getLatestEvent(key: string): Promise<AppliedEvent | undefined> {
    return this.data.getLatestEvent(key);
  }

  putLatestEvent(key: string, event: AppliedEvent, ttlMs: number): Promise<void> {
    return this.data.putLatestEvent(key, event, ttlMs);
  }

  getTicket(componentAppid: string): Promise<VerifyTicket | undefined> {
    return this.data.getTicket(componentAppid);
  }
  putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void> {
    return this.data.putTicket(componentAppid, ticket);
  }
  getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined> {
    return this.data.getRefreshToken(componentAppid, authorizerAppid);
  }
  putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void> {
    return this.data.putRefreshToken(componentAppid, authorizerAppid, refreshToken);
  }
  deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void> {
    return this.data.deleteRefreshToken(componentAppid, authorizerAppid);
  }

  createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    return this.records.createRecord(key, value, ttlMs);
  }
  getRecord(key: string): Promise<string | undefined> {
    return this.records.getRecord(key);
  }
  replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    return this.records.replaceRecord(key, expected, value, ttlMs);
  }
  deleteRecord(key: string, expected: string): Promise<void> {
    return this.records.deleteRecord(key, expected);
  }

  /** Memory is always there; a state file that cannot be read fails its own calls, loudly. */
  available(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}

/** Data in memory: for tests, where losing it on exit is the point. */
export class MemoryDataStore implements DataStore {
  private readonly tickets = new Map<string, VerifyTicket>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly events = new Map<string, { event: AppliedEvent; expiresAt: number }>();

  async getLatestEvent(key: string): Promise<AppliedEvent | undefined> {
    const held = this.events.get(key);
    return held !== undefined && held.expiresAt > Date.now() ? held.event : undefined;
  }
  async putLatestEvent(key: string, event: AppliedEvent, ttlMs: number): Promise<void> {
    this.events.set(key, { event, expiresAt: Date.now() + ttlMs });
  }

  async getTicket(componentAppid: string): Promise<VerifyTicket | undefined> {
    return this.tickets.get(componentAppid);
  }
  async putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void> {
    const current = this.tickets.get(componentAppid);
    if (current === undefined || current.createTime <= ticket.createTime) this.tickets.set(componentAppid, ticket);
  }
  async getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined> {
    return this.refreshTokens.get(`${componentAppid}/${authorizerAppid}`);
  }
  async putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void> {
    this.refreshTokens.set(`${componentAppid}/${authorizerAppid}`, refreshToken);
  }
  async deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void> {
    this.refreshTokens.delete(`${componentAppid}/${authorizerAppid}`);
  }
}
