/**
 * What can be an appid or open_appid. WeChat's own ids are `wx` + 16 hex characters, but the
 * gateway only refuses what can never be one: anything that could change the meaning of a URL or
 * a log line (`&`, `?`, `#`, `/`, `%`, control characters, look-alike unicode) never reaches WeChat.
 */
export const APPID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const APPID_RULE = '1 to 64 characters of A-Z, a-z, 0-9, _ and -';

export function isAppId(value: unknown): value is string {
  return typeof value === 'string' && APPID_PATTERN.test(value);
}
