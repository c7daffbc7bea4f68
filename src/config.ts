import { z } from 'zod';
import { readAuthConfig } from './auth/auth-config';
import type { AuthConfig } from './auth/authenticate';
import type { RateLimitConfig } from './auth/rate-limit';
import type { CorsConfig } from './http/cors';
import type { OperationLimits } from './graphql/operation-limits';
import type { AdmissionConfig } from './http/admission';
import type { HttpServerLimits } from './http/server-limits';
import type { IdempotencyConfig } from './http/idempotency/idempotency-plugin';
import type { TracingConfig } from './observability/tracing';
import { parseSentinels, readStoreConfig, type StoreConfig } from './stores';
import { APPID_RULE, isAppId, type ComponentCredentials, type WeChatConfig } from './wechat';

/** WeChat's domains, nearest access point first, then the cross-region disaster-recovery one. */
export const WECHAT_PRODUCTION_BASES = ['https://api.weixin.qq.com', 'https://api2.weixin.qq.com'];
/** /metrics in production when METRICS_PORT is unset: the port Prometheus exporters customarily use. */
export const DEFAULT_METRICS_PORT = 9464;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  /** Interface to listen on; undefined means all (Node's default). */
  readonly host: string | undefined;
  readonly port: number;
  /** Port of /metrics when it is not served on `port` (always in production). */
  readonly metricsPort: number | undefined;
  readonly logLevel: string;
  /** Apollo Sandbox at `/` and introspection. */
  readonly explorer: boolean;
  /** The WeChat layer's settings; 'simulator' when no WeChat is configured outside production. */
  readonly wechat: Omit<WeChatConfig, 'baseUrls'> & { readonly baseUrls: readonly string[] | 'simulator' };
  readonly store: StoreConfig;
  /** Deadline of one whole GraphQL operation, retries and reads included. */
  readonly operationTimeoutMs: number;
  /** How long a stop (SIGTERM) waits for operations in flight. */
  readonly shutdownGraceMs: number;
  /** How long a stop keeps serving, not ready, before it drains: the load balancer's time to notice. */
  readonly shutdownDelayMs: number;
  /** OpenTelemetry traces, when an OTLP endpoint is set (the OTEL_* variables); else off. */
  readonly tracing: TracingConfig | undefined;
  /** The most representations one operation may ask for, across all its `_entities` fields. */
  readonly maxEntityRepresentations: number;
  /** The most WeChat reads one operation may ask for (each reading field once per entity). */
  readonly maxOperationReads: number;
  readonly simulatorPort: number;
  /** Largest accepted HTTP request body. */
  readonly maxBodyBytes: number;
  /** Connection cap and client timeouts of the HTTP server. */
  readonly http: HttpServerLimits;
  /** The front door: how many GraphQL requests run, wait, and for how long. */
  readonly admission: AdmissionConfig;
  /** Browser origins that may call: any outside production unless CORS_ORIGINS lists them; none in production unless it does. */
  readonly cors: CorsConfig;
  /** JWTs and API keys; neither (open) only outside production. */
  readonly auth: AuthConfig;
  readonly rateLimits: RateLimitConfig;
  /** Reverse proxies in front of the gateway whose X-Forwarded-For entries are believed. */
  readonly trustedProxyCount: number;
  readonly operationLimits: OperationLimits;
  /** Idempotency keys for mutations (Idempotency-Key). */
  readonly idempotency: IdempotencyConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

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

const schema = z.object({
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
  ADMISSION_MAX_QUEUE: integer(0, 1_000_000).default(10_000),
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

type Env = z.infer<typeof schema>;

const COMPONENT_VARIABLES = ['WECHAT_COMPONENT_APPID', 'WECHAT_COMPONENT_SECRET', 'WECHAT_COMPONENT_TOKEN', 'WECHAT_COMPONENT_AES_KEY'] as const;

/** Third-party platform mode needs all four variables; some but not all is a mistake worth naming. */
function readComponent(e: Env, issues: string[]): ComponentCredentials | undefined {
  const missing = COMPONENT_VARIABLES.filter((name) => e[name] === undefined);
  if (missing.length === COMPONENT_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    issues.push(`  ${missing.join(', ')}: third-party platform mode needs all of ${COMPONENT_VARIABLES.join(', ')}`);
    return undefined;
  }
  return { appid: e.WECHAT_COMPONENT_APPID!, secret: e.WECHAT_COMPONENT_SECRET!, token: e.WECHAT_COMPONENT_TOKEN!, aesKey: e.WECHAT_COMPONENT_AES_KEY! };
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as unset, as shells and compose files often produce them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    // The variable name only: deeper paths would be JSON keys or list positions of its value.
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const issues: string[] = [];
  const auth = readAuthConfig({ ...e, production }, issues);
  const component = readComponent(e, issues);
  // node:http itself refuses a headers timeout longer than the request timeout.
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) issues.push('  HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  const store = readStoreConfig(e, issues);
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) issues.push('  METRICS_PORT: must differ from PORT (metrics are not served on the GraphQL port)');
  if (issues.length > 0) throw new ConfigError(`Invalid configuration:\n${issues.join('\n')}`);
  // Rate limits are per caller: with no authentication there is one anonymous caller, and no
  // limit unless one is set.
  const open = auth.jwt === undefined && auth.apiKeys === undefined;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    // In production /metrics is never on the public GraphQL port.
    metricsPort: e.METRICS_PORT ?? (production ? DEFAULT_METRICS_PORT : undefined),
    logLevel: e.LOG_LEVEL,
    explorer: e.GRAPHQL_EXPLORER ?? !production,
    wechat: {
      baseUrls: e.WECHAT_API_BASE ?? (production ? WECHAT_PRODUCTION_BASES : 'simulator'),
      apps: new Map(Object.entries(e.WECHAT_APPS ?? {})),
      connectTimeoutMs: e.WECHAT_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: e.WECHAT_RESPONSE_TIMEOUT_MS,
      connections: e.WECHAT_CONNECTIONS,
      readConcurrency: e.WECHAT_READ_CONCURRENCY,
      // 0 is off, like unset.
      readCacheSeconds: e.WECHAT_READ_CACHE_SECONDS || undefined,
      maxInFlight: e.WECHAT_MAX_IN_FLIGHT,
      maxQueue: e.WECHAT_MAX_QUEUE,
      breakerThreshold: e.WECHAT_BREAKER_THRESHOLD,
      breakerHalfOpenMs: e.WECHAT_BREAKER_HALF_OPEN_MS,
      component,
      ticketMaxAgeMs: e.WECHAT_TICKET_MAX_AGE_SECONDS * 1000,
      pushWindowSeconds: e.WECHAT_COMPONENT_PUSH_WINDOW_SECONDS,
    },
    // Redis, when set, is shared by every instance: rate limits, and credentials.
    store,
    operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    // Off unless an endpoint is set (and the SDK is not disabled), as OpenTelemetry's SDKs do.
    tracing:
      e.OTEL_SDK_DISABLED !== true && (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT) !== undefined
        ? { protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf' }
        : undefined,
    maxEntityRepresentations: e.MAX_ENTITY_REPRESENTATIONS,
    maxOperationReads: e.MAX_OPERATION_READS,
    simulatorPort: e.SIMULATOR_PORT,
    maxBodyBytes: e.MAX_BODY_BYTES,
    http: {
      maxConnections: e.MAX_CONNECTIONS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    admission: {
      maxInFlight: e.ADMISSION_MAX_IN_FLIGHT,
      maxQueue: e.ADMISSION_MAX_QUEUE,
      maxWaitMs: e.ADMISSION_MAX_WAIT_MS,
      maxEventLoopDelayMs: e.ADMISSION_MAX_EVENT_LOOP_DELAY_MS,
    },
    cors: { origins: e.CORS_ORIGINS ?? (production ? [] : '*'), maxAgeSeconds: e.CORS_MAX_AGE_SECONDS },
    auth,
    rateLimits: {
      callerPerMinute: e.RATE_LIMIT_CALLER_PER_MINUTE ?? (open ? 0 : 1_200),
      appidPerMinute: e.RATE_LIMIT_APPID_PER_MINUTE ?? (open ? 0 : 600),
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
      callbackPerMinute: e.RATE_LIMIT_CALLBACK_PER_MINUTE,
      replicas: e.RATE_LIMIT_REPLICAS,
    },
    trustedProxyCount: e.TRUSTED_PROXY_COUNT,
    operationLimits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxCost: e.MAX_QUERY_COST,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
    },
    idempotency: { ttlSeconds: e.IDEMPOTENCY_TTL_SECONDS, required: e.IDEMPOTENCY_REQUIRED },
  };
}

/** For process entry points: the configuration, or its errors on stderr and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
