/** What every scenario gets from the runner: the shared simulator process and where to put files. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayOptions, SimulatorProcess } from './processes';

export interface BenchContext {
  readonly sim: SimulatorProcess;
  /** WECHAT_APPS for the gateway and the baseline. */
  readonly apps: Record<string, string>;
  /** Scratch directory (gateway logs, CPU profiles), outside the repository. */
  readonly outDir: string;
  /** The gateway's production environment for the bench: JWT and API-key authentication, rate limits. */
  readonly gatewayEnv: Record<string, string>;
  /** Headers every GraphQL request to the gateway carries (a JWT, as a user's app or a router sends). */
  readonly headers: Record<string, string>;
  /** Headers of a second caller with its own API key (the overload scenario's well-behaved one). */
  readonly secondHeaders: Record<string, string>;
  /** A progress line on stderr, so a 5-minute run shows where it is. */
  progress(message: string): void;
}

/**
 * Production refuses to start without authentication. The bench runs it as a service with users
 * behind it would: JWTs (HS256, AUTH_JWT_SECRET, issuer and audience checked) for the requests,
 * signed here for every appid and both scopes, valid for an hour; and an API keys file beside
 * it, as services calling it would have. Rate limits stay on, at the largest allowed value, so
 * their cost is measured but one caller sending thousands of requests a second is never refused.
 */
export function benchAuth(outDir: string): { gatewayEnv: Record<string, string>; headers: Record<string, string>; secondHeaders: Record<string, string> } {
  const key = `wxgw_${randomBytes(32).toString('base64url')}`;
  const second = `wxgw_${randomBytes(32).toString('base64url')}`;
  const file = join(outDir, 'api-keys.json');
  const entry = (name: string, k: string) => ({ name, sha256: createHash('sha256').update(k, 'utf8').digest('hex'), appids: '*', scopes: ['openaccount:read', 'openaccount:write'] });
  writeFileSync(file, JSON.stringify([entry('bench', key), entry('bench-second', second)]));
  const secret = randomBytes(32).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'bench-user', appids: '*', scope: 'openaccount:read openaccount:write', iss: 'https://idp.bench', aud: 'openaccount-gateway', iat: now, exp: now + 3600 };
  return {
    gatewayEnv: {
      AUTH_API_KEYS_FILE: file,
      AUTH_JWT_SECRET: secret,
      AUTH_JWT_ISSUER: claims.iss,
      AUTH_JWT_AUDIENCE: claims.aud,
      RATE_LIMIT_CALLER_PER_MINUTE: '10000000',
      RATE_LIMIT_APPID_PER_MINUTE: '10000000',
    },
    headers: { authorization: `Bearer ${hs256(claims, secret)}` },
    secondHeaders: { authorization: `Bearer ${second}` },
  };
}

function hs256(claims: object, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

let gateways = 0;

/** Options for a fresh gateway process; each gets its own log file. */
export function gatewayOptions(ctx: BenchContext, name: string, extra: Partial<GatewayOptions> = {}): GatewayOptions {
  gateways += 1;
  return {
    simulatorUrl: ctx.sim.url,
    apps: ctx.apps,
    logFile: join(ctx.outDir, `gateway-${gateways}-${name}.log`),
    headers: ctx.headers,
    ...extra,
    env: { ...ctx.gatewayEnv, ...extra.env },
  };
}

/** Differences of two /metrics snapshots of gateway_operations_total: the result types of a run. */
export function resultTypes(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const diff: Record<string, number> = {};
  for (const [key, value] of after) {
    const delta = value - (before.get(key) ?? 0);
    if (delta > 0) diff[key] = delta;
  }
  return diff;
}
