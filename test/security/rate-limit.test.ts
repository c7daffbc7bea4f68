import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { GraphQLError } from 'graphql';
import { chargeOncePerOperation, createRateLimits } from '../../src/auth/rate-limit';
import { createLogger } from '../../src/observability/logger';

const logger = createLogger('silent');

async function refusal(charge: Promise<void>): Promise<GraphQLError> {
  try {
    await charge;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the charge was let through');
}

describe('Security: rate limits (unit)', () => {
  it('counts per caller and per appid separately, and says when to retry', async () => {
    const limits = createRateLimits({ callerPerMinute: 2, appidPerMinute: 1 }, logger);
    await limits.chargeCaller('a');
    await limits.chargeCaller('a');
    await limits.chargeCaller('b');
    const error = await refusal(limits.chargeCaller('a'));
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'caller' });
    expect(error.extensions['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    expect(error.extensions['retryAfterSeconds']).toBeLessThanOrEqual(60);
    await limits.chargeAppid('wx1');
    expect((await refusal(limits.chargeAppid('wx1'))).extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'appid' });
    await limits.chargeAppid('wx2');
  });

  it('charges an appid once per operation, however many fields touch it', async () => {
    const limits = createRateLimits({ callerPerMinute: 0, appidPerMinute: 1 }, logger);
    const charge = chargeOncePerOperation(limits);
    await Promise.all([charge('wx1'), charge('wx1'), charge('wx1')]);
    await expect(chargeOncePerOperation(limits)('wx1')).rejects.toThrow(/Rate limited/);
  });

  it('0 is no limit', async () => {
    const limits = createRateLimits({ callerPerMinute: 0, appidPerMinute: 0 }, logger);
    for (let i = 0; i < 1000; i += 1) await limits.chargeCaller('a');
  });

  it('with Redis down, falls back to the in-memory limits instead of failing or opening', async () => {
    const redis = new Redis('redis://127.0.0.1:9', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      const limits = createRateLimits({ callerPerMinute: 2, appidPerMinute: 0 }, logger, redis);
      await limits.chargeCaller('a');
      await limits.chargeCaller('a');
      expect((await refusal(limits.chargeCaller('a'))).extensions['code']).toBe('RATE_LIMITED');
    } finally {
      redis.disconnect();
    }
  });

  const redisServer = (() => {
    try {
      return execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  })();

  (redisServer ? it : it.skip)('with Redis, two gateway instances share the limits', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const server = spawn(redisServer!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const clients = [0, 1].map(() => new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 50 }));
    try {
      await Promise.all(clients.map((c) => c.ping()));
      const [one, two] = clients.map((c) => createRateLimits({ callerPerMinute: 3, appidPerMinute: 0 }, logger, c));
      await one!.chargeCaller('shared');
      await two!.chargeCaller('shared');
      await one!.chargeCaller('shared');
      expect((await refusal(two!.chargeCaller('shared'))).extensions['code']).toBe('RATE_LIMITED');
    } finally {
      clients.forEach((c) => c.disconnect());
      server.kill();
    }
  });
});
