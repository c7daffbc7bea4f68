import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Field names that may hold a credential anywhere in a log object. The code never logs them on
 * purpose (the transport logs paths, not URLs); this is the net under that rule.
 */
const SECRET_FIELDS = [
  'access_token',
  'secret',
  'appsecret',
  'authorization',
  'component_access_token',
  'component_verify_ticket',
  'authorizer_access_token',
  'authorizer_refresh_token',
  'refresh_token',
  'WECHAT_APPS',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wechat-open-account-gateway' },
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: '[redacted]' },
    },
    destination,
  );
}
