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
    expect(plain.store).toEqual({ stateFile: '.state/credentials.json', redisKeyPrefix: 'wechat-gateway:' });
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

  it('WECHAT_TICKET_MAX_AGE_SECONDS: an hour by default, 0 turns the ask off, 12 hours or more is refused by name', () => {
    expect(loadConfig({ NODE_ENV: 'test', ...PLATFORM }).wechat.ticketMaxAgeMs).toBe(3_600_000);
    expect(loadConfig({ NODE_ENV: 'test', ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: '0' }).wechat.ticketMaxAgeMs).toBe(0);
    expect(failure({ ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: '43200' })).toContain('WECHAT_TICKET_MAX_AGE_SECONDS');
    expect(failure({ ...PLATFORM, WECHAT_TICKET_MAX_AGE_SECONDS: 'soon' })).toContain('WECHAT_TICKET_MAX_AGE_SECONDS');
  });
});
