/**
 * Load through autocannon, with latencies taken from its per-response event rather than its
 * histogram: autocannon's histogram keeps whole milliseconds, too coarse for a "+3 ms" target.
 * Counting is the same for every HTTP target (gateway, baseline), so their ratios are fair.
 */
import autocannon from 'autocannon';
import { summarize, type LatencySummary } from './stats';

export interface LoadOptions {
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
  readonly connections: number;
  readonly durationS?: number;
  /** Send exactly this many requests (spread over the connections) instead of for a duration. */
  readonly amount?: number;
  readonly warmupS?: number;
  readonly timeoutS?: number;
}

export interface LoadResult extends LatencySummary {
  readonly rps: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly elapsedS: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: { ...options.headers, 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
    ...(options.warmupS ? { warmup: { connections: options.connections, duration: options.warmupS } } : {}),
    timeout: options.timeoutS ?? 30,
  });
  const latencies: number[] = [];
  let non2xx = 0;
  // With a warm-up, this emitter sees only the measured run (autocannon uses another for warm-up).
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
    else non2xx += 1;
  });
  const result = await instance;
  const answered = latencies.length + non2xx;
  return { ...summarize(latencies), rps: answered / result.duration, non2xx, errors: result.errors, timeouts: result.timeouts, elapsedS: result.duration };
}
