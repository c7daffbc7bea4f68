/**
 * Every environment variable the gateway reads, each with its type, range and default, checked
 * on its own. The checks across variables, and what they compose into, are in ./index.ts.
 * Messages name the problem, never the value: some variables hold secrets.
 */
import { z } from 'zod';
import { parseSentinels } from '../stores';
import { APPID_RULE, isAppId } from '../wechat';

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const otlpEndpoint = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of an OTLP/HTTP collector' });
const otlpProtocol = z.enum(['http/protobuf', 'http/json'], { error: 'must be http/protobuf or http/json (grpc is not supported)' });

const baseUrls = z
  .string()
  .transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) URL' }))
      .min(1, 'must list at least one base URL'),
  );

// Messages never repeat the value: WECHAT_APPS holds secrets.
const apps = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string(), z.string().min(1, 'each appsecret must be a non-empty string'), {
        error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object mapping appid to appsecret' : undefined),
      })
      .refine((record) => Object.keys(record).every(isAppId), `each key must be an appid (${APPID_RULE})`),
  );

/** `*`, or a comma-separated list of origins (scheme, host and port only, as browsers send them). */
const origins = z
  .string()
  .transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
  .refine((list) => list.length === 1 && list[0] === '*' ? true : list.every(isOrigin), 'must be * or a comma-separated list of origins such as https://app.example.com (no path)')
  .transform((list): '*' | string[] => (list.length === 1 && list[0] === '*' ? '*' : list));

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

export const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: integer(0, 65535).default(4000),
  METRICS_PORT: integer(0, 65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_EXPLORER: boolean.optional(),
  WECHAT_API_BASE: baseUrls.optional(),
  WECHAT_APPS: apps.optional(),
  WECHAT_CONNECT_TIMEOUT_MS: integer(1, 60_000).default(3_000),
  WECHAT_RESPONSE_TIMEOUT_MS: integer(1, 120_000).default(10_000),
  WECHAT_CONNECTIONS: integer(1, 1_000).default(64),
  WECHAT_READ_CONCURRENCY: integer(1, 1_000).default(10),
  WECHAT_READ_CACHE_SECONDS: integer(0, 86_400).optional(),
  WECHAT_MAX_IN_FLIGHT: integer(1, 100_000).default(256),
  WECHAT_MAX_QUEUE: integer(0, 1_000_000).default(1_024),
  WECHAT_BREAKER_THRESHOLD: integer(1, 1_000).default(5),
  WECHAT_BREAKER_HALF_OPEN_MS: integer(100, 600_000).default(10_000),
  // Under 12 hours, a ticket's life: asking after it expired is too late.
  WECHAT_TICKET_MAX_AGE_SECONDS: integer(0, 11 * 3_600).default(3_600),
  OPERATION_TIMEOUT_MS: integer(100, 120_000).default(15_000),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(30_000),
  SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0),
  // OpenTelemetry's standard variables that decide whether and how traces leave; the SDK reads the rest.
  OTEL_SDK_DISABLED: boolean.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpEndpoint.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  MAX_ENTITY_REPRESENTATIONS: integer(1, 10_000).default(500),
  MAX_OPERATION_READS: integer(1, 100_000).default(1_000),
  SIMULATOR_PORT: integer(0, 65535).default(0),
  MAX_BODY_BYTES: integer(1_024, 10 * 1024 * 1024).default(100 * 1024),
  MAX_CONNECTIONS: integer(1, 1_000_000).default(20_000),
  HTTP_HEADERS_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: integer(100, 600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(100, 600_000).default(5_000),
  ADMISSION_MAX_IN_FLIGHT: integer(1, 100_000).default(256),
  // Two seconds of waiting at 2,000 calls a second (64 connections at WeChat's usual 30 ms). A
  // waiting request holds about 6 KB and its garbage: at 10,000 queued, the flood's RSS passed
  // 300 MB (bench/RESULTS.md, overload). Past it, a request is refused at once.
  ADMISSION_MAX_QUEUE: integer(0, 1_000_000).default(4_096),
  ADMISSION_MAX_WAIT_MS: integer(1, 120_000).default(2_000),
  ADMISSION_MAX_EVENT_LOOP_DELAY_MS: integer(0, 60_000).default(500),
  CORS_ORIGINS: origins.optional(),
  CORS_MAX_AGE_SECONDS: integer(0, 86_400).default(600),
  // Authentication: secrets from the environment or files only, never echoed.
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (256 bits for HS256)').optional(),
  AUTH_JWT_SECRET_FILE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_API_KEYS_FILE: z.string().min(1).optional(),
  AUTH_JWT_MAX_LIFETIME_SECONDS: integer(60, 31_536_000).default(86_400),
  RATE_LIMIT_CALLER_PER_MINUTE: integer(0, 10_000_000).optional(),
  RATE_LIMIT_APPID_PER_MINUTE: integer(0, 10_000_000).optional(),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: integer(0, 10_000_000).default(30),
  RATE_LIMIT_CALLBACK_PER_MINUTE: integer(0, 10_000_000).default(300),
  RATE_LIMIT_REPLICAS: integer(1, 10_000).default(1),
  TRUSTED_PROXY_COUNT: integer(0, 10).default(0),
  MAX_QUERY_DEPTH: integer(1, 100).default(10),
  MAX_QUERY_ALIASES: integer(0, 1_000).default(30),
  MAX_QUERY_COST: integer(1, 1_000_000).default(5_000),
  MAX_QUERY_TOKENS: integer(10, 100_000).default(2_000),
  MAX_QUERY_DIRECTIVES: integer(0, 1_000).default(20),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_SENTINELS: z.string().transform((text, ctx) => {
    const sentinels = parseSentinels(text);
    if (typeof sentinels !== 'string') return sentinels;
    ctx.addIssue({ code: 'custom', message: sentinels });
    return z.NEVER;
  }).optional(),
  REDIS_SENTINEL_NAME: z.string().regex(/^[\w.-]{1,100}$/, 'must be the master group name Sentinel monitors (letters, digits, _ . -)').optional(),
  REDIS_WAIT_REPLICAS: integer(0, 100).default(0),
  REDIS_WAIT_TIMEOUT_MS: integer(1, 60_000).default(1_000),
  REDIS_KEY_PREFIX: z.string().max(100).regex(/^[\w:.-]*$/, 'may hold only letters, digits, _ : . and -').default('wechat-gateway:'),
  STATE_FILE: z.string().min(1).default('.state/credentials.json'),
  IDEMPOTENCY_TTL_SECONDS: integer(1, 30 * 86_400).default(86_400),
  IDEMPOTENCY_REQUIRED: boolean.default(false),
  // Third-party platform mode: all four or none. Secrets are never echoed.
  WECHAT_COMPONENT_APPID: z.string().refine(isAppId, `must be an appid (${APPID_RULE})`).optional(),
  WECHAT_COMPONENT_SECRET: z.string().min(1).optional(),
  WECHAT_COMPONENT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be the message token: 3 to 32 letters and digits').optional(),
  WECHAT_COMPONENT_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be the EncodingAESKey: exactly 43 letters and digits').optional(),
  WECHAT_COMPONENT_PUSH_WINDOW_SECONDS: integer(10, 86_400).default(300),
});

export type Env = z.infer<typeof variables>;
