import { ConfigError, loadConfig } from '../src/config';

const PLATFORM = {
  WECHAT_COMPONENT_APPID: 'wxc0c0c0c0c0c0c0c0',
  WECHAT_COMPONENT_SECRET: 'very-secret-value',
  WECHAT_COMPONENT_TOKEN: 'msgtoken',
  WECHAT_COMPONENT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const failure = (env: Record<string, string>): string => {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
};

describe('configuration: third-party platform mode and the credential store', () => {
  it('all four platform variables give a platform; none give none; the store defaults to the state file', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...PLATFORM }).wechat.component).toEqual({ appid: PLATFORM.WECHAT_COMPONENT_APPID, secret: PLATFORM.WECHAT_COMPONENT_SECRET, token: 'msgtoken', aesKey: PLATFORM.WECHAT_COMPONENT_AES_KEY });
    const plain = loadConfig({ NODE_ENV: 'test' });
    expect(plain.wechat.component).toBeUndefined();
    expect(plain.store).toEqual({ stateFile: '.state/credentials.json', redisKeyPrefix: 'wechat-gateway:', redisDurability: { replicas: 0, timeoutMs: 1000 } });
    expect(plain.store.redis).toBeUndefined();
  });

  it('some but not all platform variables: names the missing ones', () => {
    const message = failure({ WECHAT_COMPONENT_APPID: PLATFORM.WECHAT_COMPONENT_APPID, WECHAT_COMPONENT_SECRET: PLATFORM.WECHAT_COMPONENT_SECRET });
    expect(message).toContain('WECHAT_COMPONENT_TOKEN, WECHAT_COMPONENT_AES_KEY: third-party platform mode needs all of');
    expect(message).not.toContain(PLATFORM.WECHAT_COMPONENT_SECRET);
  });

  it('an EncodingAESKey that is not 43 characters is named, not echoed', () => {
    const message = failure({ ...PLATFORM, WECHAT_COMPONENT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF' });
    expect(message).toContain('WECHAT_COMPONENT_AES_KEY: must be the EncodingAESKey: exactly 43 letters and digits');
    expect(message).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(failure({ ...PLATFORM, WECHAT_COMPONENT_APPID: 'wx 1' })).toContain('WECHAT_COMPONENT_APPID: must be an appid');
    expect(failure({ REDIS_URL: 'http://localhost' })).toContain('REDIS_URL: must be a redis:// or rediss:// URL');
  });

  it('Redis through Sentinel: REDIS_SENTINELS and REDIS_SENTINEL_NAME together, not with REDIS_URL', () => {
    expect(loadConfig({ NODE_ENV: 'test', REDIS_SENTINELS: 'sentinel-0:26379, 10.0.0.2:26380,[::1]:26381', REDIS_SENTINEL_NAME: 'gateway' }).store.redis).toEqual({
      sentinels: [{ host: 'sentinel-0', port: 26379 }, { host: '10.0.0.2', port: 26380 }, { host: '::1', port: 26381 }],
      name: 'gateway',
    });
    expect(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://r:6379' }).store.redis).toBe('redis://r:6379');
    expect(failure({ REDIS_SENTINELS: 'sentinel-0:26379' })).toContain('REDIS_SENTINELS: Sentinel needs both REDIS_SENTINELS and REDIS_SENTINEL_NAME');
    expect(failure({ REDIS_SENTINEL_NAME: 'gateway' })).toContain('REDIS_SENTINEL_NAME: Sentinel needs both');
    expect(failure({ REDIS_SENTINELS: 'sentinel-0', REDIS_SENTINEL_NAME: 'gateway' })).toContain('REDIS_SENTINELS: each entry must be host:port');
    expect(failure({ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'gateway', REDIS_URL: 'redis://r:6379' })).toContain('set either REDIS_URL or REDIS_SENTINELS, not both');
  });

  it('REDIS_WAIT_REPLICAS: how many replicas a write of data waits for; only with a Redis', () => {
    expect(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://r:6379', REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '500' }).store.redisDurability).toEqual({ replicas: 1, timeoutMs: 500 });
    expect(failure({ REDIS_WAIT_REPLICAS: '1' })).toContain('REDIS_WAIT_REPLICAS: has no effect without REDIS_URL or REDIS_SENTINELS');
    expect(failure({ REDIS_URL: 'redis://r:6379', REDIS_WAIT_REPLICAS: '-1' })).toContain('REDIS_WAIT_REPLICAS');
  });

  it('WECHAT_TICKET_MAX_AGE_SECONDS: an hour by default, 0 turns the ask off, 12 hours or more is refused by name', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...PLATFORM }).wechat.ticketMaxAgeMs).toBe(3_600_000);
    expect(loadConfig({ NODE_ENV: 'test', ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: '0' }).wechat.ticketMaxAgeMs).toBe(0);
    expect(failure({ ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: '43200' })).toContain('WECHAT_TICKET_MAX_AGE_SECONDS');
    expect(failure({ ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: 'soon' })).toContain('WECHAT_TICKET_MAX_AGE_SECONDS');
  });
});
