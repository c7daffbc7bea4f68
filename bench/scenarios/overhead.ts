/**
 * Item 1: what the gateway adds. The unbindOpenAccount mutation through the gateway, against
 * (a) the minimal baseline (bench/baseline-server.ts) and (b) the same upstream POST made
 * directly with undici (bench/direct-client.ts), each at a fixed connection count and at
 * saturation; and Apollo Server alone on the baseline's schema (bench/apollo-floor-server.ts),
 * which splits the gap into what @apollo/server costs and what the gateway's own code costs. Then the "p99 at half of saturation" target: gateway and baseline both offered
 * half the gateway's saturated rate. Then logging's cost: the saturated run with LOG_LEVEL=warn,
 * which drops the per-upstream-call `info` line. Last, tracing's cost: the saturated gateway with
 * OpenTelemetry exporting every trace (always_on, http/protobuf to a local OTLP sink), and one in
 * ten, beside the same gateway without tracing, run back to back so all see the same machine.
 */
import { BASELINE_UNBIND, GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import { gatewayOptions, resultTypes, type BenchContext } from '../context';
import { load, type LoadResult } from '../load';
import { startOtlpSink } from '../otlp-sink';
import { pacedLoad } from '../paced-load';
import { operationCounts, runDirectClient, startBaseline, startGateway } from '../processes';
import { SETTINGS } from '../settings';
import { summarize } from '../stats';

export interface OverheadResult {
  readonly gateway: { fixed: LoadResult; saturated: LoadResult; half: LoadResult };
  readonly baseline: { fixed: LoadResult; saturated: LoadResult; half: LoadResult };
  readonly direct: { fixed: LoadResult; saturated: LoadResult };
  /** Apollo Server alone on the baseline's schema (bench/apollo-floor-server.ts). */
  readonly apolloFloor: { fixed: LoadResult; saturated: LoadResult };
  /** Saturated gateway with LOG_LEVEL=warn (no per-call info line). */
  readonly gatewayQuietLogs: LoadResult;
  /** Saturated, back to back: without tracing, then with every trace exported (sampled 100%). */
  readonly tracing: { off: LoadResult; on: LoadResult; tenth: LoadResult; exports: number; exportedBytes: number };
  /** Offered rate of the half-saturation runs, req/s. */
  readonly halfRate: number;
  /** Union members the gateway returned over its fixed and saturated runs. */
  readonly resultTypes: Record<string, number>;
}

const gatewayBody = graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR);
const baselineBody = graphqlBody(BASELINE_UNBIND, UNBIND_PAIR);

export async function overhead(ctx: BenchContext): Promise<OverheadResult> {
  const { durationS, warmupS, fixedConnections, saturationConnections } = SETTINGS;
  // The same headers (the gateway's API key) to every server, so requests are the same size.
  const run = (url: string, body: string, connections: number) => load({ url, body, headers: ctx.headers, connections, durationS, warmupS });
  const paced = (url: string, body: string, rate: number) => pacedLoad({ url, body, headers: ctx.headers, rate, connections: 50, durationS, warmupS });

  ctx.progress('overhead: gateway');
  const gw = await startGateway(gatewayOptions(ctx, 'overhead'));
  const before = await operationCounts(gw);
  const gFixed = await run(gw.url, gatewayBody, fixedConnections);
  const gSaturated = await run(gw.url, gatewayBody, saturationConnections);
  const types = resultTypes(before, await operationCounts(gw));
  // Half of what the gateway sustains, offered evenly to both servers; 50 connections leave headroom.
  const halfRate = Math.max(1, Math.round(gSaturated.rps / 2));
  const gHalf = await paced(gw.url, gatewayBody, halfRate);
  await gw.stop();

  ctx.progress('overhead: baseline');
  const baseline = await startBaseline(ctx.sim.url, ctx.apps);
  const bFixed = await run(baseline.url, baselineBody, fixedConnections);
  const bSaturated = await run(baseline.url, baselineBody, saturationConnections);
  const bHalf = await paced(baseline.url, baselineBody, halfRate);
  await baseline.stop();

  ctx.progress("overhead: Apollo Server's floor");
  const floor = await startBaseline(ctx.sim.url, ctx.apps, 'apollo-floor');
  const fFixed = await run(floor.url, baselineBody, fixedConnections);
  const fSaturated = await run(floor.url, baselineBody, saturationConnections);
  await floor.stop();

  ctx.progress('overhead: direct undici');
  const direct = async (connections: number): Promise<LoadResult> => {
    const result = await runDirectClient({
      upstream: ctx.sim.url,
      appid: UNBIND_PAIR.appid,
      secret: ctx.apps[UNBIND_PAIR.appid]!,
      openAppid: UNBIND_PAIR.openAppid,
      connections,
      poolConnections: 64,
      warmupS,
      durationS,
    });
    return { ...summarize(result.latencies), rps: result.latencies.length / result.elapsedS, non2xx: 0, errors: result.errors, timeouts: 0, elapsedS: result.elapsedS };
  };
  const dFixed = await direct(fixedConnections);
  const dSaturated = await direct(saturationConnections);

  ctx.progress('overhead: gateway with LOG_LEVEL=warn');
  const quiet = await startGateway(gatewayOptions(ctx, 'overhead-warn', { env: { LOG_LEVEL: 'warn' } }));
  const gQuiet = await run(quiet.url, gatewayBody, saturationConnections);
  await quiet.stop();

  const tracing = await tracingCost(ctx, (url) => run(url, gatewayBody, saturationConnections));

  return {
    gateway: { fixed: gFixed, saturated: gSaturated, half: gHalf },
    baseline: { fixed: bFixed, saturated: bSaturated, half: bHalf },
    direct: { fixed: dFixed, saturated: dSaturated },
    apolloFloor: { fixed: fFixed, saturated: fSaturated },
    gatewayQuietLogs: gQuiet,
    tracing,
    halfRate,
    resultTypes: types,
  };
}

/**
 * The saturated gateway without tracing, then with OpenTelemetry exporting every trace, then one
 * in ten (the sampler an operator would more likely run), back to back.
 */
export async function tracingCost(ctx: BenchContext, saturate: (url: string) => Promise<LoadResult>): Promise<OverheadResult['tracing']> {
  ctx.progress('overhead: gateway without tracing (paired with the next runs)');
  const plain = await startGateway(gatewayOptions(ctx, 'overhead-untraced'));
  const off = await saturate(plain.url);
  await plain.stop();

  const sink = await startOtlpSink();
  const traced = async (name: string, sampler: Record<string, string>) => {
    const gateway = await startGateway(gatewayOptions(ctx, name, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', ...sampler } }));
    const result = await saturate(gateway.url);
    await gateway.stop();
    return result;
  };
  ctx.progress('overhead: gateway with tracing, sampled 100%');
  const on = await traced('overhead-traced', { OTEL_TRACES_SAMPLER: 'always_on' });
  const { exports, bytes } = sink.counts();
  ctx.progress('overhead: gateway with tracing, sampled 10%');
  const tenth = await traced('overhead-traced-10pct', { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' });
  await sink.close();
  return { off, on, tenth, exports, exportedBytes: bytes };
}
