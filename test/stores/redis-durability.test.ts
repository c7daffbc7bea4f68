import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { StoreUnavailableError } from '../../src/stores';
import { RedisStore } from '../../src/stores/redis-store';
import { eventually, RedisProcess } from '../support/redis-server';

const silent = pino({ level: 'silent' });
const token = { value: 'cached-token', refreshAt: Date.now() + 30_000, expiresAt: Date.now() + 60_000 };

describe('RedisStore with REDIS_WAIT_REPLICAS: writes of data wait for replicas, cache does not', () => {
  let master: RedisProcess;
  let replica: RedisProcess | undefined;
  beforeAll(async () => {
    master = await RedisProcess.start();
  });
  afterAll(async () => {
    await replica?.kill();
    await master.kill();
  });

  it('with no replica, a write of data fails as store-unavailable (the master has it, unacknowledged), while tokens and locks still work', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = new RedisStore(master.url, prefix, silent, { replicas: 1, timeoutMs: 100 });
    await store.connect();
    try {
      await expect(store.putRefreshToken('wxcomponent', 'wxmerchant', 'refresh-token')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await master.command('HGET', `${prefix}refresh:wxcomponent`, 'wxmerchant')).toBe('refresh-token');
      await expect(store.putTicket('wxcomponent', { value: 'ticket', createTime: 1 })).rejects.toThrow('a write of data reached 0 of the 1 replicas required (REDIS_WAIT_REPLICAS) within 100 ms');
      await store.putToken('k', token);
      expect(await store.getToken('k')).toEqual(token);
      expect(await store.tryLock('k', 'me', 1_000)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('with a replica in sync, a write of data is acknowledged and is on the replica when it returns', async () => {
    replica = await RedisProcess.start({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
    await eventually('the replica in sync', async () => (await replica!.info('replication')).get('master_link_status') === 'up');
    const prefix = `test:${randomUUID()}:`;
    const store = new RedisStore(master.url, prefix, silent, { replicas: 1, timeoutMs: 2_000 });
    await store.connect();
    try {
      await store.putRefreshToken('wxcomponent', 'wxmerchant', 'refresh-token');
      // WAIT returned: the replica has it now, without any polling.
      expect(await replica.command('HGET', `${prefix}refresh:wxcomponent`, 'wxmerchant')).toBe('refresh-token');
    } finally {
      await store.close();
    }
  });

  it('a client ioredis gives up on (status end, not closed by the store) connects again', async () => {
    const store = new RedisStore(master.url, `test:${randomUUID()}:`, silent);
    await store.connect();
    try {
      // ioredis ends a client whose connect was cut off (as its failover detector can do); disconnect() ends it the same way.
      const ended = new Promise((resolve) => store.redis.once('end', resolve));
      store.redis.disconnect();
      await ended;
      await eventually('the store reconnected', () => store.redis.status === 'ready', 10_000);
      await store.putToken('k', token);
      expect(await store.getToken('k')).toEqual(token);
    } finally {
      await store.close();
    }
    await eventually('the client closed by the store', () => store.redis.status === 'end');
  });
});
