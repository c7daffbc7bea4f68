import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file';
import { StoreUnavailableError, type RecordStore } from './store';

/** The records file's shape. Versioned, so a later layout can read an older file. */
interface RecordsFile {
  version: 1;
  records: Record<string, { value: string; expiresAt: number }>;
}

/**
 * The embedded store's idempotency records in one local JSON file, so a restart of the gateway
 * loses none of them (a lost record would let a client's retry apply twice).
 *
 * The file is read once, at the first operation; after that this process is its only writer
 * (the embedded store is for one process). Operations are serialised, which makes the
 * compare-and-set ones atomic, and every change is written atomically and durably before it is
 * acknowledged. Expired records are dropped at every write. A file that is not valid JSON is
 * never overwritten: every operation fails naming it.
 */
export class FileRecordStore implements RecordStore {
  private records: Map<string, { value: string; expiresAt: number }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    return this.serialised(async (records) => {
      const current = this.live(records, key);
      if (current !== undefined) return { result: current, changed: false };
      records.set(key, { value, expiresAt: this.now() + ttlMs });
      return { result: undefined, changed: true };
    });
  }

  getRecord(key: string): Promise<string | undefined> {
    return this.serialised(async (records) => ({ result: this.live(records, key), changed: false }));
  }

  replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    return this.serialised(async (records) => {
      if (this.live(records, key) !== expected) return { result: false, changed: false };
      records.set(key, { value, expiresAt: this.now() + ttlMs });
      return { result: true, changed: true };
    });
  }

  deleteRecord(key: string, expected: string): Promise<void> {
    return this.serialised(async (records) => {
      if (this.live(records, key) !== expected) return { result: undefined, changed: false };
      records.delete(key);
      return { result: undefined, changed: true };
    });
  }

  // Private: one operation at a time, on the records as the file holds them; written back when changed.
  private serialised<T>(operation: (records: Map<string, { value: string; expiresAt: number }>) => Promise<{ result: T; changed: boolean }>): Promise<T> {
    const run = this.queue.then(async () => {
      const records = (this.records ??= await this.load());
      const { result, changed } = await operation(records);
      if (changed) await this.save(records);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private live(records: Map<string, { value: string; expiresAt: number }>, key: string): string | undefined {
    const record = records.get(key);
    return record !== undefined && record.expiresAt > this.now() ? record.value : undefined;
  }

  private async load(): Promise<Map<string, { value: string; expiresAt: number }>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new StoreUnavailableError('embedded', `cannot read the idempotency records file ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let parsed: Partial<RecordsFile> | undefined;
    try {
      parsed = JSON.parse(text) as Partial<RecordsFile>;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || parsed.version !== 1 || typeof parsed.records !== 'object' || parsed.records === null) {
      throw new StoreUnavailableError('embedded', `the idempotency records file ${this.path} is not a records file of version 1; restore it from a backup (it is left untouched)`);
    }
    return new Map(Object.entries(parsed.records));
  }

  private async save(records: Map<string, { value: string; expiresAt: number }>): Promise<void> {
    const now = this.now();
    for (const [key, record] of records) if (record.expiresAt <= now) records.delete(key);
    const file: RecordsFile = { version: 1, records: Object.fromEntries(records) };
    try {
      await writeFileAtomically(this.path, `${JSON.stringify(file)}\n`, 'the idempotency records file');
    } catch (error) {
      // What is not on disk is not acknowledged: read the file again at the next operation.
      this.records = undefined;
      throw error;
    }
  }
}

/** Records in memory: for tests, where losing them on exit is the point. */
export class MemoryRecordStore implements RecordStore {
  private readonly records = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    const current = this.live(key);
    if (current !== undefined) return current;
    this.records.set(key, { value, expiresAt: this.now() + ttlMs });
    return undefined;
  }
  async getRecord(key: string): Promise<string | undefined> {
    return this.live(key);
  }
  async replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== expected) return false;
    this.records.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }
  async deleteRecord(key: string, expected: string): Promise<void> {
    if (this.live(key) === expected) this.records.delete(key);
  }

  private live(key: string): string | undefined {
    const record = this.records.get(key);
    if (record !== undefined && record.expiresAt <= this.now()) this.records.delete(key);
    return record !== undefined && record.expiresAt > this.now() ? record.value : undefined;
  }
}
