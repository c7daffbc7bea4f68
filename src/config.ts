import { z } from 'zod';
import { APPID_RULE, isAppId } from './wechat/appid';

/** WeChat's domains, nearest access point first, then the cross-region disaster-recovery one. */
export const WECHAT_PRODUCTION_BASES = ['https://api.weixin.qq.com', 'https://api2.weixin.qq.com'];

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  /** Interface to listen on; undefined means all (Node's default). */
  readonly host: string | undefined;
  readonly port: number;
  readonly logLevel: string;
  /** Apollo Sandbox at `/` and introspection. */
  readonly explorer: boolean;
  readonly wechat: {
    /** 'simulator' when no WeChat is configured outside production: the embedded simulator runs. */
    readonly baseUrls: readonly string[] | 'simulator';
    /** appid → appsecret, for accounts that call for themselves. */
    readonly apps: ReadonlyMap<string, string>;
    readonly connectTimeoutMs: number;
    readonly responseTimeoutMs: number;
    readonly connections: number;
    /** Upstream reads one GraphQL operation may have in flight at once. */
    readonly readConcurrency: number;
    /** Upstream requests in flight at once, across all operations, and how many may queue. */
    readonly maxInFlight: number;
    readonly maxQueue: number;
    /** Consecutive failures that open a domain's circuit, and how long it stays open. */
    readonly breakerThreshold: number;
    readonly breakerHalfOpenMs: number;
  };
  /** Deadline of one whole GraphQL operation, retries and reads included. */
  readonly operationTimeoutMs: number;
  /** How long a stop (SIGTERM) waits for operations in flight. */
  readonly shutdownGraceMs: number;
  /** The most representations one `_entities` call may ask for. */
  readonly maxEntityRepresentations: number;
  readonly simulatorPort: number;
  /** Largest accepted HTTP request body. */
  readonly maxBodyBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: integer(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_EXPLORER: boolean.optional(),
  WECHAT_API_BASE: baseUrls.optional(),
  WECHAT_APPS: apps.optional(),
  WECHAT_CONNECT_TIMEOUT_MS: integer(1, 60_000).default(3_000),
  WECHAT_RESPONSE_TIMEOUT_MS: integer(1, 120_000).default(10_000),
  WECHAT_CONNECTIONS: integer(1, 1_000).default(64),
  WECHAT_READ_CONCURRENCY: integer(1, 1_000).default(10),
  WECHAT_MAX_IN_FLIGHT: integer(1, 100_000).default(256),
  WECHAT_MAX_QUEUE: integer(0, 1_000_000).default(1_024),
  WECHAT_BREAKER_THRESHOLD: integer(1, 1_000).default(5),
  WECHAT_BREAKER_HALF_OPEN_MS: integer(100, 600_000).default(10_000),
  OPERATION_TIMEOUT_MS: integer(100, 120_000).default(15_000),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(30_000),
  MAX_ENTITY_REPRESENTATIONS: integer(1, 10_000).default(500),
  SIMULATOR_PORT: integer(0, 65535).default(0),
  MAX_BODY_BYTES: integer(1_024, 10 * 1024 * 1024).default(100 * 1024),
});

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
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    explorer: e.GRAPHQL_EXPLORER ?? !production,
    wechat: {
      baseUrls: e.WECHAT_API_BASE ?? (production ? WECHAT_PRODUCTION_BASES : 'simulator'),
      apps: new Map(Object.entries(e.WECHAT_APPS ?? {})),
      connectTimeoutMs: e.WECHAT_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: e.WECHAT_RESPONSE_TIMEOUT_MS,
      connections: e.WECHAT_CONNECTIONS,
      readConcurrency: e.WECHAT_READ_CONCURRENCY,
      maxInFlight: e.WECHAT_MAX_IN_FLIGHT,
      maxQueue: e.WECHAT_MAX_QUEUE,
      breakerThreshold: e.WECHAT_BREAKER_THRESHOLD,
      breakerHalfOpenMs: e.WECHAT_BREAKER_HALF_OPEN_MS,
    },
    operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    maxEntityRepresentations: e.MAX_ENTITY_REPRESENTATIONS,
    simulatorPort: e.SIMULATOR_PORT,
    maxBodyBytes: e.MAX_BODY_BYTES,
  };
}
