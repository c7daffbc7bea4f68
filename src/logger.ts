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

/** Credentials inside a URL or a message: `?access_token=…`, `secret=…`, and the like. */
const SECRET_IN_TEXT = new RegExp(`\\b(${SECRET_FIELDS.join('|')})=[^&\\s"']*`, 'gi');

export function scrubSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, '$1=[redacted]');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wechat-open-account-gateway' },
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: '[redacted]' },
      serializers: {
        url: (url: unknown) => (typeof url === 'string' ? scrubSecrets(url) : url),
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          return { ...serialized, message: scrubSecrets(serialized.message ?? ''), stack: scrubSecrets(serialized.stack ?? '') };
        },
      },
    },
    destination,
  );
}
