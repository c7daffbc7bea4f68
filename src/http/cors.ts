import type { CorsOptions } from 'cors';

/** Which browser origins may call the GraphQL endpoint (CORS_ORIGINS), and for how long a preflight holds. */
export interface CorsConfig {
  /** `*`: any origin (the default outside production); a list: only those; empty: none (production's default). */
  readonly origins: '*' | readonly string[];
  /** Access-Control-Max-Age: seconds a browser may reuse a preflight answer. */
  readonly maxAgeSeconds: number;
}

/**
 * The `cors` package's options for the GraphQL endpoint. A listed origin is echoed back (with
 * `Vary: Origin`, so a cache does not hand one origin's answer to another); an origin not listed
 * gets no Access-Control-Allow-Origin, and the browser keeps the answer from the page. Any origin
 * is reflected rather than answered `*`, which is the same for requests without credentials.
 * `Retry-After` is exposed so a frontend can read how long a 429 (or 409, 503) asks it to wait,
 * and `Idempotent-Replayed` so it can tell a mutation's stored answer given again (src/http/idempotency/).
 */
export function corsOptions(config: CorsConfig): CorsOptions {
  const allowed = config.origins === '*' ? undefined : new Set(config.origins);
  return {
    origin: allowed === undefined ? true : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    exposedHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: config.maxAgeSeconds,
  };
}
