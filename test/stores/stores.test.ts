import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { FileDataStore, FileRecordStore, MemoryStore, StoreUnavailableError, type Store } from '../../src/stores';
import { RedisStore } from '../../src/stores/redis-store';

const REDIS_URL = process.env['TEST_REDIS_URL']!;
const silent = pino({ level: 'silent' });
const tempDir = () => mkdtempSync(join(tmpdir(), 'gw-store-'));

/** The same contract for both stores: what the token layer and the callback rely on. */
describe.each([
  ['embedded (memory + state files)', async () => { const dir = tempDir(); return new MemoryStore({ data: new FileDataStore(join(dir, 'credentials.json')), records: new FileRecordStore(join(dir, 'idempotency.json')) }); }],
  ['Redis', async () => {
    const store = new RedisStore(REDIS_URL, `test:${randomUUID()}:`, silent);
    await store.connect();
    return store;
  }],
] as const)('the %s store: tokens, locks, the verify ticket and refresh tokens', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store.close());

  const token = (value: string, lifetimeMs = 60_000) => ({ value, refreshAt: Date.now() + lifetimeMs / 2, expiresAt: Date.now() + lifetimeMs });

  it('tokens: put, get, compare-and-delete only while still the same value', async () => {
    expect(await store.getToken('k')).toBeUndefined();
    await store.putToken('k', token('T1'));
    expect((await store.getToken('k'))?.value).toBe('T1');
    expect(await store.deleteTokenIf('k', 'T0')).toBe(false);
    expect((await store.getToken('k'))?.value).toBe('T1');
    expect(await store.deleteTokenIf('k', 'T1')).toBe(true);
    expect(await store.getToken('k')).toBeUndefined();
    expect(await store.deleteTokenIf('k', 'T1')).toBe(false);
  });

  it('tokens expire with the token', async () => {
    await store.putToken('k', token('T1', 30));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.getToken('k')).toBeUndefined();
  });

  it('locks: one owner at a time, released only by its owner, free again after the TTL', async () => {
    expect(await store.tryLock('k', 'A', 10_000)).toBe(true);
    expect(await store.tryLock('k', 'B', 10_000)).toBe(false);
    await store.unlock('k', 'B'); // not B's to release
    expect(await store.tryLock('k', 'B', 10_000)).toBe(false);
    await store.unlock('k', 'A');
    expect(await store.tryLock('k', 'B', 50)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.tryLock('k', 'C', 10_000)).toBe(true); // B's lock expired
    await store.unlock('k', 'B'); // B's late unlock must not free C's lock
    expect(await store.tryLock('k', 'D', 10_000)).toBe(false);
  });

  it('cached reads: stored only in the generation they were read in; a drop starts the next one', async () => {
    expect(await store.getCachedReads('wxa')).toEqual({ generation: 0, values: new Map() });
    expect(await store.putCachedRead('wxa', 'get', 'G1', 0, 10_000)).toBe(true);
    expect(await store.putCachedRead('wxa', 'have', 'H1', 0, 10_000)).toBe(true);
    expect(await store.getCachedReads('wxa')).toEqual({ generation: 0, values: new Map([['get', 'G1'], ['have', 'H1']]) });
    await store.dropCachedReads('wxa');
    expect(await store.getCachedReads('wxa')).toEqual({ generation: 1, values: new Map() });
    // A read that began in generation 0 finished after the drop: its answer is not kept.
    expect(await store.putCachedRead('wxa', 'get', 'G-old', 0, 10_000)).toBe(false);
    expect(await store.putCachedRead('wxa', 'get', 'G2', 1, 10_000)).toBe(true);
    expect((await store.getCachedReads('wxa')).values.get('get')).toBe('G2');
    expect((await store.getCachedReads('wxb')).values.size).toBe(0);
  });

  it('cached reads expire after their TTL; the generation stays', async () => {
    await store.dropCachedReads('wxa');
    expect(await store.putCachedRead('wxa', 'get', 'G', 1, 40)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.getCachedReads('wxa')).toEqual({ generation: 1, values: new Map() });
  });

  it('idempotency records: created once, compare-and-set replace and delete, expiry', async () => {
    expect(await store.createRecord('k', 'running-A', 10_000)).toBeUndefined();
    expect(await store.createRecord('k', 'running-B', 10_000)).toBe('running-A');
    expect(await store.replaceRecord('k', 'running-B', 'done-B', 10_000)).toBe(false);
    expect(await store.replaceRecord('k', 'running-A', 'done-A', 10_000)).toBe(true);
    expect(await store.getRecord('k')).toBe('done-A');
    await store.deleteRecord('k', 'running-A'); // not what is there any more
    expect(await store.getRecord('k')).toBe('done-A');
    await store.deleteRecord('k', 'done-A');
    expect(await store.getRecord('k')).toBeUndefined();
    expect(await store.createRecord('short', 'x', 40)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.getRecord('short')).toBeUndefined();
    expect(await store.createRecord('short', 'y', 10_000)).toBeUndefined();
  });

  it('is available while it answers', () => {
    expect(store.available()).toBe(true);
  });

  it('push claims: the first claim of a key wins until released or expired', async () => {
    expect(await store.claimOnce('push:sig', 10_000)).toBe(true);
    expect(await store.claimOnce('push:sig', 10_000)).toBe(false);
    await store.releaseClaim('push:sig');
    expect(await store.claimOnce('push:sig', 50)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.claimOnce('push:sig', 10_000)).toBe(true);
  });

  it('latest events: kept per key until they expire', async () => {
    expect(await store.getLatestEvent('wxc:wxa')).toBeUndefined();
    await store.putLatestEvent('wxc:wxa', { createTime: 2, infoType: 'authorized' }, 10_000);
    expect(await store.getLatestEvent('wxc:wxa')).toEqual({ createTime: 2, infoType: 'authorized' });
    await store.putLatestEvent('wxc:wxb', { createTime: 1, infoType: 'unauthorized' }, 30);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.getLatestEvent('wxc:wxb')).toBeUndefined();
  });

  it('the verify ticket: the newest push wins, a replayed older one is ignored', async () => {
    expect(await store.getTicket('wxc')).toBeUndefined();
    await store.putTicket('wxc', { value: 'ticket-2', createTime: 2 });
    await store.putTicket('wxc', { value: 'ticket-1', createTime: 1 });
    expect(await store.getTicket('wxc')).toEqual({ value: 'ticket-2', createTime: 2 });
    await store.putTicket('wxc', { value: 'ticket-3', createTime: 3 });
    expect(await store.getTicket('wxc')).toEqual({ value: 'ticket-3', createTime: 3 });
  });

  it('refresh tokens: per platform and authorizer; put replaces, delete forgets', async () => {
    await store.putRefreshToken('wxc', 'wxa', 'R1');
    await store.putRefreshToken('wxc', 'wxb', 'R2');
    await store.putRefreshToken('wxd', 'wxa', 'R3');
    expect(await store.getRefreshToken('wxc', 'wxa')).toBe('R1');
    await store.putRefreshToken('wxc', 'wxa', 'R4');
    expect(await store.getRefreshToken('wxc', 'wxa')).toBe('R4');
    await store.deleteRefreshToken('wxc', 'wxa');
    expect(await store.getRefreshToken('wxc', 'wxa')).toBeUndefined();
    expect(await store.getRefreshToken('wxc', 'wxb')).toBe('R2');
    expect(await store.getRefreshToken('wxd', 'wxa')).toBe('R3');
  });
});

describe('FileDataStore: the embedded store state file', () => {
  it('survives a new instance (a restart), is written 0600 and leaves no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested', 'credentials.json');
    const first = new FileDataStore(path);
    await first.putTicket('wxc', { value: 'ticket', createTime: 5 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => first.putRefreshToken('wxc', `wx${i}`, `R${i}`)));
    const second = new FileDataStore(path);
    expect(await second.getTicket('wxc')).toEqual({ value: 'ticket', createTime: 5 });
    for (let i = 0; i < 20; i += 1) expect(await second.getRefreshToken('wxc', `wx${i}`)).toBe(`R${i}`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['credentials.json']);
  });

  it('keeps what another process (the import command) wrote meanwhile', async () => {
    const path = join(tempDir(), 'credentials.json');
    const gateway = new FileDataStore(path);
    const importer = new FileDataStore(path);
    await gateway.putTicket('wxc', { value: 'ticket', createTime: 1 });
    await importer.putRefreshToken('wxc', 'wxa', 'R1');
    await gateway.putRefreshToken('wxc', 'wxb', 'R2');
    expect(await gateway.getRefreshToken('wxc', 'wxa')).toBe('R1');
    expect(await importer.getTicket('wxc')).toEqual({ value: 'ticket', createTime: 1 });
  });

  it('a corrupt file is never overwritten: every operation fails naming it', async () => {
    const path = join(tempDir(), 'credentials.json');
    writeFileSync(path, '{"version":1,"components":{"wxc":{"tick');
    const store = new FileDataStore(path);
    await expect(store.getTicket('wxc')).rejects.toThrow(StoreUnavailableError);
    await expect(store.putTicket('wxc', { value: 't', createTime: 1 })).rejects.toThrow(/credentials\.json is not a credentials file/);
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"components":{"wxc":{"tick');
  });
});

describe('FileRecordStore: the embedded store idempotency records', () => {
  it('survives a new instance (a restart), is written 0600, and a corrupt file is never overwritten', async () => {
    const path = join(tempDir(), 'idempotency.json');
    const first = new FileRecordStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => first.createRecord(`k${i}`, `v${i}`, 60_000)));
    const second = new FileRecordStore(path);
    for (let i = 0; i < 20; i += 1) expect(await second.getRecord(`k${i}`)).toBe(`v${i}`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, '{"version":1,"rec');
    const third = new FileRecordStore(path);
    await expect(third.createRecord('k', 'v', 1_000)).rejects.toThrow(/idempotency\.json is not a records file/);
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"rec');
  });
});

describe('RedisStore: a Redis that is down fails fast, logged once', () => {
  it('fails fast with StoreUnavailableError and logs once, not once per call', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const store = new RedisStore('redis://127.0.0.1:1', 'test:', logger);
    await store.connect(200);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => store.getToken('k')));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof StoreUnavailableError)).toBe(true);
    const unavailable = lines.filter((line) => line.includes('credential store (Redis)'));
    expect(unavailable.length).toBeGreaterThanOrEqual(1);
    expect(unavailable.length).toBeLessThanOrEqual(2);
    expect(store.available()).toBe(false);
    await store.close();
  });
});
