import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file';
import { StoreUnavailableError, type AppliedEvent, type DataStore, type VerifyTicket } from './store';

/** The state file's shape. Versioned, so a later layout can read an older file. */
interface StateFile {
  version: 1;
  components: Record<string, { ticket?: VerifyTicket; authorizers: Record<string, { refreshToken: string; updatedAt: string }> }>;
  /** The latest platform push applied per authorizer (push-ledger.ts), until it expires (epoch ms). */
  events?: Record<string, AppliedEvent & { expiresAt: number }>;
}

const EMPTY: StateFile = { version: 1, components: {} };

/**
 * The embedded store's data (verify tickets, refresh tokens) in one local JSON file, so a restart
 * loses nothing.
 *
 * Every write is atomic and durable (`writeFileAtomically`): a crash leaves either the old file
 * or the new one, never half of one. Writes in this process are serialised; each re-reads the file first, so refresh tokens
 * imported by `credentials:import` while the gateway runs are kept, and reads always go to the
 * file (they happen once per token refresh, not per call). A file that is not valid JSON is never
 * overwritten: every operation fails with a message naming it, until someone fixes it.
 */
export class FileDataStore implements DataStore {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async getTicket(componentAppid: string): Promise<VerifyTicket | undefined> {
    return (await this.read()).components[componentAppid]?.ticket;
  }

  putTicket(componentAppid: string, ticket: VerifyTicket): Promise<void> {
    return this.update((state) => {
      const component = componentIn(state, componentAppid);
      if (component.ticket !== undefined && component.ticket.createTime > ticket.createTime) return false;
      component.ticket = { value: ticket.value, createTime: ticket.createTime };
      return true;
    });
  }

  async getRefreshToken(componentAppid: string, authorizerAppid: string): Promise<string | undefined> {
    return (await this.read()).components[componentAppid]?.authorizers[authorizerAppid]?.refreshToken;
  }

  putRefreshToken(componentAppid: string, authorizerAppid: string, refreshToken: string): Promise<void> {
    return this.update((state) => {
      const authorizers = componentIn(state, componentAppid).authorizers;
      if (authorizers[authorizerAppid]?.refreshToken === refreshToken) return false;
      authorizers[authorizerAppid] = { refreshToken, updatedAt: new Date().toISOString() };
      return true;
    });
  }

  deleteRefreshToken(componentAppid: string, authorizerAppid: string): Promise<void> {
    return this.update((state) => {
      const authorizers = state.components[componentAppid]?.authorizers;
      if (authorizers?.[authorizerAppid] === undefined) return false;
      delete authorizers[authorizerAppid];
      return true;
    });
  }

  async getLatestEvent(key: string): Promise<AppliedEvent | undefined> {
    const held = (await this.read()).events?.[key];
    return held !== undefined && held.expiresAt > Date.now() ? { createTime: held.createTime, infoType: held.infoType } : undefined;
  }

  putLatestEvent(key: string, event: AppliedEvent, ttlMs: number): Promise<void> {
    return this.update((state) => {
      const now = Date.now();
      const events = Object.fromEntries(Object.entries(state.events ?? {}).filter(([, held]) => held.expiresAt > now));
      events[key] = { createTime: event.createTime, infoType: event.infoType, expiresAt: now + ttlMs };
      state.events = events;
      return true;
    });
  }

  private async read(): Promise<StateFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
      throw new StoreUnavailableError('embedded', `cannot read the state file ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const state = parsed as Partial<StateFile> | undefined;
    if (typeof state !== 'object' || state === null || state.version !== 1 || typeof state.components !== 'object' || state.components === null) {
      throw new StoreUnavailableError('embedded', `the state file ${this.path} is not a credentials file of version 1; restore it from a backup (it is left untouched)`);
    }
    return state as StateFile;
  }

  /** Serialised read-modify-write; `change` returns false when there is nothing to write. */
  private update(change: (state: StateFile) => boolean): Promise<void> {
    const run = this.writes.then(async () => {
      const state = await this.read();
      if (change(state)) await writeFileAtomically(this.path, `${JSON.stringify(state, null, 2)}\n`, 'the state file');
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}

function componentIn(state: StateFile, componentAppid: string): StateFile['components'][string] {
  return (state.components[componentAppid] ??= { authorizers: {} });
}
