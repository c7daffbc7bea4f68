/**
 * Item 1(b): the same upstream POST (/cgi-bin/open/unbind) made directly with undici, in a
 * process of its own, by `connections` concurrent loops for a warm-up and then a measured
 * period. It is the floor: what calling WeChat costs with no server in between. Its result goes
 * back to the runner over IPC.
 *
 * Env: BENCH_DIRECT (JSON of DirectClientOptions).
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { DirectClientOptions, DirectClientResult } from './direct-protocol';

async function main(): Promise<void> {
  const options = JSON.parse(process.env['BENCH_DIRECT'] ?? '{}') as DirectClientOptions;
  // Same pool size as the gateway's WECHAT_CONNECTIONS default, so both queue the same way.
  const pool = new Pool(options.upstream, { connections: options.poolConnections, keepAliveTimeout: 30_000 });
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await pool.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.body.json()) as Record<string, unknown>;
  };
  const token = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: options.appid, secret: options.secret });
  const path = `/cgi-bin/open/unbind?access_token=${encodeURIComponent(String(token['access_token']))}`;
  const body = { appid: options.appid, open_appid: options.openAppid };

  let recording = false;
  let stop = false;
  const latencies: number[] = [];
  let errors = 0;
  const loop = async (): Promise<void> => {
    while (!stop) {
      const started = performance.now();
      try {
        await post(path, body);
        if (recording) latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
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
  const result: DirectClientResult = { latencies, elapsedS, errors };
  process.send?.(result, () => process.exit(0));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
