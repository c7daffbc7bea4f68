/**
 * GET /healthz every 250 ms, in a process of its own, until the runner says stop (IPC); the
 * result goes back over IPC. The overload scenario's flood runs autocannon inside the runner,
 * whose loop it saturates: polled from there, a probe's time would be the load generator's lag,
 * not the gateway's. A probe fails when no answer comes within 5 s (as an orchestrator's would).
 *
 * Env: BENCH_HEALTHZ (the URL).
 */
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

export interface HealthSamples {
  readonly answered: number;
  readonly failed: number;
  readonly maxMs: number;
}

async function main(): Promise<void> {
  const url = process.env['BENCH_HEALTHZ'] ?? '';
  let stop = false;
  process.once('message', () => (stop = true));
  let answered = 0;
  let failed = 0;
  let maxMs = 0;
  while (!stop) {
    const started = performance.now();
    const ok = await request(url, { headersTimeout: 5_000, bodyTimeout: 5_000 }).then(
      async (r) => (await r.body.text(), r.statusCode === 200),
      () => false,
    );
    maxMs = Math.max(maxMs, performance.now() - started);
    if (ok) answered += 1;
    else failed += 1;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const result: HealthSamples = { answered, failed, maxMs };
  process.send?.(result, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
