/**
 * A closed-loop GraphQL client in a process of its own: `connections` loops, each sending its
 * next unbind as soon as the last one is answered (a 503 included: it does not wait out
 * Retry-After), for a warm-up and then a measured period. It reads every answer's body, so it can
 * tell an unbind WeChat answered from an OverloadedError, which autocannon cannot. The overload
 * scenario runs the well-behaved second caller with it, apart from the flood's load generator so
 * the flood's CPU does not sit in its latencies. Its result goes back to the runner over IPC.
 *
 * Env: BENCH_CLOSED_LOOP (JSON of ClosedLoopOptions).
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface ClosedLoopOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  readonly warmupS: number;
  readonly durationS: number;
}

export interface ClosedLoopResult {
  /** Latencies of the answers WeChat gave (any union member that is not a gateway refusal), ms. */
  readonly latencies: number[];
  /** HTTP 503 from the front door. */
  readonly shed: number;
  /** HTTP 200 whose member is OverloadedError or WeChatUnavailableError. */
  readonly refusedInside: number;
  /** Any other status, or a connection error. */
  readonly failed: number;
  readonly elapsedS: number;
}

const NOT_SERVED = new Set(['OverloadedError', 'WeChatUnavailableError']);

async function main(): Promise<void> {
  const options = JSON.parse(process.env['BENCH_CLOSED_LOOP'] ?? '{}') as ClosedLoopOptions;
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections });
  const headers = { ...options.headers, 'content-type': 'application/json' };
  let recording = false;
  let stop = false;
  const latencies: number[] = [];
  let shed = 0;
  let refusedInside = 0;
  let failed = 0;

  const once = async (): Promise<void> => {
    const started = performance.now();
    try {
      const response = await pool.request({ method: 'POST', path: url.pathname, headers, body: options.body });
      const text = await response.body.text();
      if (!recording) return;
      if (response.statusCode === 503) shed += 1;
      else if (response.statusCode !== 200) failed += 1;
      else {
        const type = (JSON.parse(text) as { data?: { unbindOpenAccount?: { __typename?: string } } }).data?.unbindOpenAccount?.__typename;
        if (type === undefined) failed += 1;
        else if (NOT_SERVED.has(type)) refusedInside += 1;
        else latencies.push(performance.now() - started);
      }
    } catch {
      if (recording) failed += 1;
    }
  };
  const loop = async (): Promise<void> => {
    while (!stop) await once();
  };
  const loops = Array.from({ length: options.connections }, loop);
  await sleep(options.warmupS * 1000);
  recording = true;
  const started = performance.now();
  await sleep(options.durationS * 1000);
  recording = false;
  const elapsedS = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  await pool.close();
  const result: ClosedLoopResult = { latencies, shed, refusedInside, failed, elapsedS };
  process.send?.(result, () => process.exit(0));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
