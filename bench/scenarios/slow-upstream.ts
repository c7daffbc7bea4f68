/**
 * Item 2: a slow WeChat. Every simulator answer delayed 100 ms, 5,000 clients at once against a
 * fresh gateway: throughput, p99, and the gateway's peak RSS (VmHWM, sampled RSS too). The
 * gateway's limits (WECHAT_MAX_IN_FLIGHT, WECHAT_MAX_QUEUE) should answer the excess with
 * OverloadedError rather than hold it in memory; the result types show how that went. A second
 * run with WECHAT_CONNECTIONS=256 shows what the upstream pool size, not the gateway's CPU,
 * bounds at this latency (64 connections / 100 ms = 640 calls/s).
 */
import { GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import { gatewayOptions, resultTypes, type BenchContext } from '../context';
import { load, type LoadResult } from '../load';
import { memoryOf, operationCounts, startGateway } from '../processes';
import { SETTINGS } from '../settings';

export interface SlowUpstreamRun {
  readonly label: string;
  readonly load: LoadResult;
  readonly peakRssBytes: number;
  readonly resultTypes: Record<string, number>;
}

const body = graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR);

export async function slowUpstream(ctx: BenchContext): Promise<SlowUpstreamRun[]> {
  await ctx.sim.setDelay(SETTINGS.slowUpstreamMs);
  try {
    const runs: SlowUpstreamRun[] = [];
    for (const [label, env] of [
      ['defaults (WECHAT_CONNECTIONS=64)', {}],
      ['WECHAT_CONNECTIONS=256', { WECHAT_CONNECTIONS: '256' }],
    ] as const) {
      ctx.progress(`slow upstream: ${SETTINGS.slowClients} clients, ${label}`);
      const gw = await startGateway(gatewayOptions(ctx, 'slow', { env }));
      // A short warm-up at low concurrency: JIT and token, not the 5,000 connections themselves.
      await load({ url: gw.url, body, headers: ctx.headers, connections: 50, durationS: SETTINGS.warmupS });
      const before = await operationCounts(gw);
      let sampledPeak = 0;
      const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memoryOf(gw.pid).rss)), 100);
      const result = await load({ url: gw.url, body, headers: ctx.headers, connections: SETTINGS.slowClients, durationS: SETTINGS.durationS });
      clearInterval(sampler);
      const types = resultTypes(before, await operationCounts(gw));
      runs.push({ label, load: result, peakRssBytes: Math.max(sampledPeak, memoryOf(gw.pid).peakRss), resultTypes: types });
      await gw.stop();
    }
    return runs;
  } finally {
    await ctx.sim.setDelay(0);
  }
}
