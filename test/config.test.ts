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

  it('admission and the HTTP server have bounded defaults; a headers timeout longer than the request timeout is named', () => {
    const config = loadConfig({});
    expect(config.admission).toEqual({ maxInFlight: 256, maxQueue: 4_096, maxWaitMs: 2_000, maxEventLoopDelayMs: 500 });
    expect(config.http).toEqual({ maxConnections: 20_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(loadConfig({ ADMISSION_MAX_QUEUE: '0', ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '0' }).admission).toMatchObject({ maxQueue: 0, maxEventLoopDelayMs: 0 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ ADMISSION_MAX_IN_FLIGHT: '0' })).toThrow(/ADMISSION_MAX_IN_FLIGHT/);
    expect(() => loadConfig({ MAX_CONNECTIONS: 'many' })).toThrow(/MAX_CONNECTIONS/);
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
