/**
 * Rate limits: the limiter itself (per caller, per appid, once per operation, Redis shared or
 * down), then what a client sees past a limit over HTTP: a typed refusal, nothing sent to WeChat.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { GraphQLError } from 'graphql';
import { chargeOncePerOperation, createRateLimits } from '../../src/auth/rate-limit';
import { createLogger } from '../../src/observability/logger';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, type Simulator } from '../../src/simulator';
import { signToken, TEST_JWT_SECRET } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';

const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP } = DEMO_ACCOUNTS;
const READ = 'query($a: String!) { openAccount(appid: $a) { __typename } }';

const logger = createLogger('silent');

async function refusal(charge: Promise<void>): Promise<GraphQLError> {
  try {
    await charge;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the charge was let through');
}

describe('Security: the rate limiter counts per caller and per appid, shared through Redis', () => {
  it('counts per caller and per appid separately, and says when to retry', async () => {
    const limits = createRateLimits({ callerPerMinute: 2, appidPerMinute: 1 }, logger);
    await limits.chargeCaller('a');
    await limits.chargeCaller('a');
    await limits.chargeCaller('b');
    const error = await refusal(limits.chargeCaller('a'));
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'caller' });
    expect(error.extensions['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    expect(error.extensions['retryAfterSeconds']).toBeLessThanOrEqual(60);
    await limits.chargeAppid('wx1', 'read');
    expect((await refusal(limits.chargeAppid('wx1', 'read'))).extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'appid' });
    await limits.chargeAppid('wx2', 'read');
  });

  it('charges an appid once per operation, however many fields touch it', async () => {
    const limits = createRateLimits({ callerPerMinute: 0, appidPerMinute: 1 }, logger);
    const charge = chargeOncePerOperation(limits);
    await Promise.all([charge('wx1', 'read'), charge('wx1', 'read'), charge('wx1', 'read')]);
    await expect(chargeOncePerOperation(limits)('wx1', 'read')).rejects.toThrow(/Rate limited/);
  });

  it("readers do not use up the writers' limit of an appid: separate buckets by scope", async () => {
    const limits = createRateLimits({ callerPerMinute: 0, appidPerMinute: 2 }, logger);
    await limits.chargeAppid('wx1', 'read');
    await limits.chargeAppid('wx1', 'read');
    expect((await refusal(limits.chargeAppid('wx1', 'read'))).extensions['limit']).toBe('appid');
    await limits.chargeAppid('wx1', 'write');
    await limits.chargeAppid('wx1', 'write');
    expect((await refusal(limits.chargeAppid('wx1', 'write'))).extensions['limit']).toBe('appid');
  });

  it('with Redis down, each replica limits to its share (the limit divided by RATE_LIMIT_REPLICAS), not to the whole limit', async () => {
    const redis = new Redis('redis://127.0.0.1:9', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      const limits = createRateLimits({ callerPerMinute: 9, appidPerMinute: 0, replicas: 3 }, logger, redis);
      for (let i = 0; i < 3; i += 1) await limits.chargeCaller('a');
      expect((await refusal(limits.chargeCaller('a'))).extensions['code']).toBe('RATE_LIMITED');
    } finally {
      redis.disconnect();
    }
  });

  it('per address: failed authentications and pushes answer when to retry once over their limit', async () => {
    const limits = createRateLimits({ callerPerMinute: 0, appidPerMinute: 0, authFailuresPerMinute: 2, callbackPerMinute: 1 }, logger);
    expect(await limits.chargeAuthFailure('10.0.0.1')).toBeUndefined();
    expect(await limits.chargeAuthFailure('10.0.0.1')).toBeUndefined();
    expect(await limits.chargeAuthFailure('10.0.0.1')).toBeGreaterThanOrEqual(1);
    expect(await limits.chargeAuthFailure('10.0.0.2')).toBeUndefined();
    expect(await limits.chargeCallback('10.0.0.1')).toBeUndefined();
    expect(await limits.chargeCallback('10.0.0.1')).toBeGreaterThanOrEqual(1);
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

  it('with Redis, two gateway instances share the limits', async () => {
    // The run's redis-server (test/support/global-setup.ts), with a caller key of this test's own.
    const caller = `shared-${randomUUID()}`;
    const clients = [0, 1].map(() => new Redis(process.env['TEST_REDIS_URL']!, { maxRetriesPerRequest: 50 }));
    try {
      await Promise.all(clients.map((c) => c.ping()));
      const [one, two] = clients.map((c) => createRateLimits({ callerPerMinute: 3, appidPerMinute: 0 }, logger, c));
      await one!.chargeCaller(caller);
      await two!.chargeCaller(caller);
      await one!.chargeCaller(caller);
      expect((await refusal(two!.chargeCaller(caller))).extensions['code']).toBe('RATE_LIMITED');
    } finally {
      clients.forEach((c) => c.disconnect());
    }
  });
});

describe('Security: past a rate limit a request is refused, typed, and nothing is sent to WeChat', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_CALLER_PER_MINUTE: '5', RATE_LIMIT_APPID_PER_MINUTE: '3' }));
  });

  const send = async (sub: string, appid: string) =>
    gateway.send({
      body: JSON.stringify({ query: READ, variables: { a: appid } }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signToken({ sub, appids: '*', scope: 'openaccount:read' })}` },
    });

  it('per appid: past the limit an appid is refused with RATE_LIMITED and retryAfterSeconds, nothing sent to WeChat', async () => {
    for (const sub of ['a', 'b', 'c']) expect((await send(sub, acmeCoffeeOA.appid)).status).toBe(200);
    simulator.counters.reset();
    const response = await send('d', acmeCoffeeOA.appid);
    expect(response.status).toBe(200); // other fields of the request may have run
    const error = JSON.parse(response.text).errors[0];
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', limit: 'appid', retryAfterSeconds: expect.any(Number) });
    expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toMatch(/retry after \d+ s/);
    expect(simulator.counters.calls()).toBe(0);
    // Another appid is not affected.
    expect(JSON.parse((await send('d', acmeCoffeeMP.appid)).text).data.openAccount).not.toBeNull();
  });

  it("per appid: a reader that used up the appid's reads has not used up its writes (separate buckets)", async () => {
    const { appid } = DEMO_ACCOUNTS.frozenFoodsMP; // frozen: an unbind answers 89004, a write all the same
    for (const sub of ['r1', 'r2', 'r3']) expect(JSON.parse((await send(sub, appid)).text).errors).toBeUndefined();
    expect(JSON.parse((await send('r4', appid)).text).errors[0].extensions.code).toBe('RATE_LIMITED');
    const writer = await signToken({ sub: 'writer', appids: '*', scope: 'openaccount:write' });
    const unbind = await gateway.send({
      body: JSON.stringify({ query: 'mutation($a: String!, $o: String!) { unbindOpenAccount(appid: $a, openAppid: $o) { __typename } }', variables: { a: appid, o: DEMO_OPEN_ACCOUNTS.frozenFoodsApi.openAppid } }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
    });
    const body = JSON.parse(unbind.text);
    expect(body.errors).toBeUndefined();
    expect(body.data.unbindOpenAccount.__typename).toBe('OpenAccountLimitExceededError');
  });

  it('per caller: past the limit a request is answered 429 with Retry-After, before anything runs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send('busy-caller', acmeBakeryMP.appid)).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    simulator.counters.reset();
    const response = await send('busy-caller', acmeBakeryMP.appid);
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(response.text).errors[0].extensions).toEqual({ code: 'RATE_LIMITED', limit: 'caller', retryAfterSeconds: expect.any(Number) });
    expect(simulator.counters.calls()).toBe(0);
  });
});
