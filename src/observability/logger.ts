import pino, { type DestinationStream, type Logger } from 'pino';
import SonicBoom from 'sonic-boom';
import { traceFields } from './tracing';

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
  'component_appsecret',
  'component_verify_ticket',
  'authorization_code',
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

const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set(SECRET_FIELDS);
/** Credential fields are looked for at the first three levels of a log object. */
const REDACT_DEPTH = 3;
const CENSOR = '[redacted]';

/** True when `value` has a credential field within `depth` levels: the common case finds none and copies nothing. */
function holdsSecret(value: unknown, depth: number): boolean {
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (SECRET_FIELD_NAMES.has(key) || holdsSecret((value as Record<string, unknown>)[key], depth - 1)) return true;
  }
  return false;
}

/** A copy of `value` with every credential field within `depth` levels censored; the original is left alone. */
function censored(value: unknown, depth: number): unknown {
  if (!holdsSecret(value, depth)) return value;
  const source = value as Record<string, unknown>;
  // An Error stays an Error (same prototype, message and stack), so the err serializer still reads it.
  const copy = (Array.isArray(value) ? [] : value instanceof Error ? Object.assign(Object.create(Object.getPrototypeOf(value) as object) as object, { message: value.message, stack: value.stack }) : {}) as Record<string, unknown>;
  for (const key in source) {
    if (Object.hasOwn(source, key)) copy[key] = SECRET_FIELD_NAMES.has(key) ? CENSOR : censored(source[key], depth - 1);
  }
  return copy;
}

/**
 * Nested credential fields are censored here (pino's log formatter), not with `*.field` redact
 * paths: pino 10's redactor runs every wildcard path against every top-level field of every
 * line, which cost about 40% of the gateway's throughput (bench/FINDINGS.md). This walks each
 * logged object once and copies it only when it holds a credential. pino's own `redact` keeps
 * the top-level names, which costs nothing per line and also covers child-logger bindings
 * (those, unlike logged objects, are redacted at the first level only).
 */
function redactNested(object: Record<string, unknown>): Record<string, unknown> {
  return censored(object, REDACT_DEPTH) as Record<string, unknown>;
}

/**
 * The process's stdout, written asynchronously: lines are buffered and written by sonic-boom (pino's
 * own writer) in batches while the previous write is under way, instead of one write(2) per line
 * on the request's own turn of the event loop. Each line is handed over as a Buffer (sonic-boom's
 * "buffer" mode): in its text mode it measures the byte length of the whole pending batch on every
 * line, re-copying the batch each time, which made logging the largest allocator of a request.
 * A write waits for 4 KB of lines or 100 ms, whichever comes first: each write(2) is a trip to
 * libuv's thread pool and back, and one per line or two at moderate traffic cost the gateway
 * ~40 µs a request at 1,450 req/s (bench/FINDINGS.md).
 * Flushed synchronously at process exit (and by main.ts before it exits), so a clean stop loses no
 * line; a line is lost only if the process is killed (SIGKILL, OOM) with it still in the buffer.
 */
const BATCH_BYTES = 4096;
const BATCH_WAIT_MS = 100;

export function asyncStdout(): DestinationStream & { flushSync(): void } {
  const boom = new SonicBoom({ fd: 1, sync: false, contentMode: 'buffer', minLength: BATCH_BYTES, periodicFlush: BATCH_WAIT_MS });
  const flushSync = () => {
    // Only an fd that can no longer be written to (EPIPE, closed) fails here; nothing is left to save.
    try {
      boom.flushSync();
    } catch {}
  };
  process.once('exit', flushSync);
  // stdout closed under us (EPIPE: the reader went away): as pino's own destination, stop writing rather than crash.
  let broken = false;
  boom.on('error', () => (broken = true));
  return { write: (line: string) => void (broken || boom.write(Buffer.from(line) as unknown as string)), flushSync };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wechat-open-account-gateway' },
      // trace_id and span_id of the active span, so a log line joins its trace.
      mixin: traceFields,
      redact: { paths: SECRET_FIELDS, censor: CENSOR },
      formatters: { log: redactNested },
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
