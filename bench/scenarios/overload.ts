/**
 * The overload scenario (issue 12): WeChat answers every call in 100 ms, the gateway has its
 * default pool (WECHAT_CONNECTIONS=64), so at most 640 calls a second can be served. Closed-loop
 * clients that retry at once (autocannon: a 503 is answered and the next request follows
 * immediately; Retry-After is not honoured) come 1,000, 5,000 and 10,000 at a time, and beside
 * the 5,000 a second, well-behaved caller with its own API key and 50 connections. Reported per
 * run: WeChat calls served per second (the simulator's count) and their ratio to the possible
 * WECHAT_CONNECTIONS / latency, answers per second, p50/p99 of successful answers, 503s per
 * second, the second caller's success share, the gateway's peak RSS, and whether /healthz kept
 * answering.
 *
 * Alone: `BENCH_SCENARIO=overload npm run bench` (writes only its section of bench/RESULTS.md).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import type { ClosedLoopResult } from '../closed-loop-client';
import { gatewayOptions, resultTypes, type BenchContext } from '../context';
import { load, type LoadResult } from '../load';
import type { HealthSamples } from '../health-poller';
import { memoryOf, operationCounts, pollHealth, runClosedLoopClient, startGateway } from '../processes';
import { SETTINGS } from '../settings';

const UNBIND = '/cgi-bin/open/unbind';
const body = graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR);

export interface OverloadRun {
  readonly clients: number;
  readonly load: LoadResult;
  /** Unbinds the simulator received per second during the measured period. */
  readonly wechatCallsPerS: number;
  /** WECHAT_CONNECTIONS / latency. */
  readonly possiblePerS: number;
  readonly second: ClosedLoopResult | undefined;
  readonly peakRssBytes: number;
  readonly health: HealthSamples;
  readonly resultTypes: Record<string, number>;
  /** The gateway process's CPU time (user + system) over the measured period, per second: 1 is one core. */
  readonly gatewayCpuCores: number;
  /** gateway_admission_shed_total by reason, over the whole run (warm-up included). */
  readonly shedByReason: Record<string, number>;
}

/** User + system CPU seconds of a process so far, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function shedByReason(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await request(metricsUrl)).body.text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^gateway_admission_shed_total\{reason="([^"]+)"\} (\d+)/gm)) if (Number(match[2]) > 0) counts[match[1]!] = Number(match[2]);
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function overload(ctx: BenchContext): Promise<OverloadRun[]> {
  await ctx.sim.setDelay(SETTINGS.slowUpstreamMs);
  const possiblePerS = 64 / (SETTINGS.slowUpstreamMs / 1000);
  try {
    const runs: OverloadRun[] = [];
    for (const { clients, second } of SETTINGS.overloadRuns) {
      ctx.progress(`overload: ${clients} clients${second ? ` and a second caller with ${second} connections` : ''}`);
      const gw = await startGateway(gatewayOptions(ctx, `overload-${clients}`));
      const before = await operationCounts(gw);
      let sampledPeak = 0;
      const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memoryOf(gw.pid).rss)), 100);
      // The simulator's count is read when the warm-up ends and when the measured period does.
      const atStart = sleep(SETTINGS.warmupS * 1000).then(async () => ({ at: performance.now(), cpu: cpuSeconds(gw.pid), calls: (await ctx.sim.counters([UNBIND])).calls[UNBIND]! }));
      const flood = load({ url: gw.url, body, headers: ctx.headers, connections: clients, warmupS: SETTINGS.warmupS, durationS: SETTINGS.durationS, timeoutS: 30 });
      const secondCaller = second
        ? runClosedLoopClient({ url: gw.url, body, headers: ctx.secondHeaders, connections: second, warmupS: SETTINGS.warmupS, durationS: SETTINGS.durationS })
        : Promise.resolve(undefined);
      const health = pollHealth(gw.url.replace(/\/graphql$/, '/healthz'));
      const [result, secondResult] = await Promise.all([flood, secondCaller]);
      const end = { at: performance.now(), cpu: cpuSeconds(gw.pid), calls: (await ctx.sim.counters([UNBIND])).calls[UNBIND]! };
      const start = await atStart;
      clearInterval(sampler);
      runs.push({
        clients,
        load: result,
        wechatCallsPerS: (end.calls - start.calls) / ((end.at - start.at) / 1000),
        possiblePerS,
        gatewayCpuCores: (end.cpu - start.cpu) / ((end.at - start.at) / 1000),
        second: secondResult,
        peakRssBytes: Math.max(sampledPeak, memoryOf(gw.pid).peakRss),
        health: await health.stop(),
        resultTypes: resultTypes(before, await operationCounts(gw)),
        shedByReason: await shedByReason(gw.metricsUrl),
      });
      await gw.stop();
    }
    return runs;
  } finally {
    await ctx.sim.setDelay(0);
  }
}
