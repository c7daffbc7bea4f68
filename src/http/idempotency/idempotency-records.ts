import { randomUUID } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';

/**
 * Where idempotency records live: the gateway's store (src/stores), as data. Structurally the
 * store's record methods; the HTTP layer names only what it needs.
 */
export interface IdempotencyStore {
  createRecord(key: string, value: string, ttlMs: number): Promise<string | undefined>;
  getRecord(key: string): Promise<string | undefined>;
  replaceRecord(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  deleteRecord(key: string, expected: string): Promise<void>;
}

/** A first request's answer, as stored and replayed: its HTTP status and its body (data and errors). */
export interface StoredAnswer {
  readonly status: number;
  readonly body: FormattedExecutionResult;
}

/**
 * One key's record. `running`: a request holds the key until `leaseUntil` (epoch ms), after which
 * it is presumed dead. `done`: its answer; `settle` when an outcome in it is unknown, so a repeat
 * settles it instead of replaying it.
 */
type KeyRecord =
  | { readonly v: 1; readonly fingerprint: string; readonly state: 'running'; readonly owner: string; readonly leaseUntil: number }
  | { readonly v: 1; readonly fingerprint: string; readonly state: 'done'; readonly answer: StoredAnswer; readonly settle: boolean };

/** What a request with a key may do. */
export type Claim =
  /** Run the operation. `settle`: an earlier attempt's outcome is unknown: settle it, do not just send. */
  | { readonly kind: 'run'; readonly held: string; readonly settle: boolean; readonly previous: string | undefined }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  /** The key was used with another operation or other variables. */
  | { readonly kind: 'mismatch' }
  /** The first request with the key was still running when this one's deadline came. */
  | { readonly kind: 'in-use' }
  /** The store could not be reached, so nothing may run. */
  | { readonly kind: 'unavailable' };

export interface IdempotencyRecordsOptions {
  /** How long a record (and so the stored answer) is kept. */
  readonly ttlMs: number;
  /** How long a running request holds its key before it is presumed dead (beyond its deadline). */
  readonly leaseMs: number;
  /** How often a repeat looks whether the first request has answered. */
  readonly pollMs?: number;
  readonly now?: () => number;
}

/**
 * The protocol of idempotency keys over the store, shared by every replica:
 *
 * - **claim**: the first request creates the key's record (`running`, with a lease) in one atomic
 *   step; only that request runs. A repeat finds the record: another fingerprint is a mismatch;
 *   a `done` answer is replayed; a `running` one is polled until it is done or the repeat's own
 *   deadline passes. A `done` answer with an unknown outcome, or a `running` record whose holder
 *   died (lease passed), is taken over by compare-and-set and run again in settle mode (read
 *   first, then at most one send): exactly one repeat wins it.
 * - **complete**: the holder replaces its `running` record with its answer (compare-and-set:
 *   a holder whose lease passed and was taken over cannot overwrite the new holder).
 * - **release**: when nothing reached WeChat, the holder puts back what was there before (nothing,
 *   or the answer it was settling), so a retry runs as if this attempt had not happened.
 */
export class IdempotencyRecords {
  private readonly now: () => number;
  private readonly pollMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly options: IdempotencyRecordsOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? 25;
  }

  /** What the request may do with `key`; it waits for a running first request until `waitUntil` (epoch ms). */
  async claim(key: string, fingerprint: string, waitUntil: number): Promise<Claim> {
    const owner = randomUUID();
    try {
      for (;;) {
        const running = JSON.stringify({ v: 1, fingerprint, state: 'running', owner, leaseUntil: this.now() + this.options.leaseMs } satisfies KeyRecord);
        const existing = await this.store.createRecord(key, running, this.options.ttlMs);
        if (existing === undefined) return { kind: 'run', held: running, settle: false, previous: undefined };
        const record = parse(existing);
        if (record === undefined || record.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (record.state === 'done' && !record.settle) return { kind: 'replay', answer: record.answer };
        if (record.state === 'done' || record.leaseUntil <= this.now()) {
          if (await this.store.replaceRecord(key, existing, running, this.options.ttlMs)) return { kind: 'run', held: running, settle: true, previous: existing };
          continue; // another repeat took it over first: look again
        }
        if (this.now() >= waitUntil) return { kind: 'in-use' };
        await sleep(this.pollMs / 2 + Math.random() * this.pollMs);
      }
    } catch {
      // Any store failure: the key cannot be recorded, so the operation must not run.
      return { kind: 'unavailable' };
    }
  }

  /** Stores the answer in place of the running record this request holds. False when it no longer held it. */
  async complete(key: string, claim: Extract<Claim, { kind: 'run' }>, answer: StoredAnswer, settle: boolean): Promise<boolean> {
    const fingerprint = (parse(claim.held) as KeyRecord).fingerprint;
    const done = JSON.stringify({ v: 1, fingerprint, state: 'done', answer, settle } satisfies KeyRecord);
    return this.store.replaceRecord(key, claim.held, done, this.options.ttlMs);
  }

  /** Nothing reached WeChat: puts back what the key held before this request (nothing, or the answer it was settling). */
  async release(key: string, claim: Extract<Claim, { kind: 'run' }>): Promise<void> {
    if (claim.previous === undefined) await this.store.deleteRecord(key, claim.held);
    else await this.store.replaceRecord(key, claim.held, claim.previous, this.options.ttlMs);
  }
}

function parse(text: string): KeyRecord | undefined {
  try {
    const record = JSON.parse(text) as KeyRecord;
    return record.v === 1 && typeof record.fingerprint === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
