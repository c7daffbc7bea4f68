import { ConfigError, loadConfig, WECHAT_PRODUCTION_BASES } from '../src/config';

describe('configuration: read from the environment once, every bad variable named', () => {
  it('defaults to port 4000 and the embedded simulator outside production', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.wechat.baseUrls).toBe('simulator');
    expect(config.explorer).toBe(true);
  });

  it("defaults to WeChat's real domains, with the explorer off, in production", () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-32-characters!' });
    expect(config.wechat.baseUrls).toEqual(WECHAT_PRODUCTION_BASES);
    expect(config.explorer).toBe(false);
  });

  it('reads a comma-separated list of base URLs and the apps map', () => {
    const config = loadConfig({
      WECHAT_API_BASE: 'http://127.0.0.1:1234, https://api2.weixin.qq.com',
      WECHAT_APPS: '{"wx1234567890abcdef":"s3cr3t"}',
    });
    expect(config.wechat.baseUrls).toEqual(['http://127.0.0.1:1234', 'https://api2.weixin.qq.com']);
    expect(config.wechat.apps.get('wx1234567890abcdef')).toBe('s3cr3t');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ WECHAT_API_BASE: 'ftp://example.com' }, 'WECHAT_API_BASE'],
    [{ WECHAT_API_BASE: 'not a url' }, 'WECHAT_API_BASE'],
    [{ WECHAT_APPS: '{not json' }, 'WECHAT_APPS'],
    [{ WECHAT_APPS: '["wx1"]' }, 'WECHAT_APPS'],
    [{ WECHAT_APPS: '{"wx/../1":"secret"}' }, 'WECHAT_APPS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ GRAPHQL_EXPLORER: 'yes' }, 'GRAPHQL_EXPLORER'],
    [{ WECHAT_READ_CACHE_SECONDS: '-1' }, 'WECHAT_READ_CACHE_SECONDS'],
    [{ WECHAT_READ_CACHE_SECONDS: '90000' }, 'WECHAT_READ_CACHE_SECONDS'],
    [{ IDEMPOTENCY_TTL_SECONDS: '0' }, 'IDEMPOTENCY_TTL_SECONDS'],
    [{ IDEMPOTENCY_REQUIRED: 'yes' }, 'IDEMPOTENCY_REQUIRED'],
  ])('names the bad variable: %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^\\s+${name}:`, 'm'));
  });

  it('the read cache is off unless WECHAT_READ_CACHE_SECONDS is set (0 is off); idempotency keys last 24 h, optional', () => {
    expect(loadConfig({}).wechat.readCacheSeconds).toBeUndefined();
    expect(loadConfig({ WECHAT_READ_CACHE_SECONDS: '0' }).wechat.readCacheSeconds).toBeUndefined();
    expect(loadConfig({ WECHAT_READ_CACHE_SECONDS: '60' }).wechat.readCacheSeconds).toBe(60);
    expect(loadConfig({}).idempotency).toEqual({ ttlSeconds: 86_400, required: false });
    expect(loadConfig({ IDEMPOTENCY_TTL_SECONDS: '3600', IDEMPOTENCY_REQUIRED: 'true' }).idempotency).toEqual({ ttlSeconds: 3600, required: true });
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', WECHAT_APPS: 'x' })).toThrow(/PORT:[\s\S]*WECHAT_APPS:|WECHAT_APPS:[\s\S]*PORT:/);
  });

  it('never repeats a secret in its message', () => {
    let message = '';
    try {
      loadConfig({ WECHAT_APPS: '{"wx1234567890abcdef": 12345678901234567890, "bad key": "topsecretvalue"}' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('WECHAT_APPS');
    expect(message).not.toContain('topsecretvalue');
    expect(message).not.toContain('12345678901234567890');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', WECHAT_APPS: '' }).port).toBe(4000);
  });
});
