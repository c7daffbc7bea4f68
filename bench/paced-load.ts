/**
 * Open-loop load at a steady rate, for "p99 at half of saturation". autocannon's rate limit is
 * per connection per second: every connection sends its quota back to back when the second
 * starts, then waits, so "half the rate" arrives as a saturating burst and the latencies are
 * those of saturation. Here requests are spread evenly (checked every millisecond), sent on a
 * pool of `connections`, and timed from when they were due, so any queueing counts.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { LoadResult } from './load';
import { summarize } from './stats';

export interface PacedLoadOptions {
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
  /** Requests per second. */
  readonly rate: number;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections });
  const headers = { ...options.headers, 'content-type': 'application/json' };
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (due: number, record: boolean): void => {
    const done = pool
      .request({ method: 'POST', path: url.pathname, headers, body: options.body })
      .then(async (response) => {
        await response.body.text();
        if (!record) return;
        if (response.statusCode >= 200 && response.statusCode < 300) latencies.push(performance.now() - due);
        else non2xx += 1;
      })
      .catch(() => {
        if (record) errors += 1;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const run = (seconds: number, record: boolean): Promise<number> =>
    new Promise((resolve) => {
      const start = performance.now();
      const end = start + seconds * 1000;
      const interval = 1000 / options.rate;
      let sent = 0;
      const timer = setInterval(() => {
        const now = Math.min(performance.now(), end);
        // Every request whose due time has come, each timed from its own due time.
        for (let due = start + sent * interval; due <= now; due = start + sent * interval) {
          send(due, record);
          sent += 1;
        }
        if (now >= end) {
          clearInterval(timer);
          resolve(sent);
        }
      }, 1);
    });

  await run(options.warmupS, false);
  const started = performance.now();
  await run(options.durationS, true);
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  await pool.close();
  return { ...summarize(latencies), rps: (latencies.length + non2xx) / elapsedS, non2xx, errors, timeouts: 0, elapsedS };
}
