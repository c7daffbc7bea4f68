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
import { metered, type Metered, type MeteredProcess } from '../meter';
import { startOtlpSink } from '../otlp-sink';
import { pacedLoad } from '../paced-load';
import { operationCounts, runDirectClient, startBaseline, startGateway } from '../processes';
import { GATEWAY_NODE_FLAGS, SETTINGS } from '../settings';
import { summarize } from '../stats';

export interface OverheadResult {
  readonly gateway: { fixed: Metered; saturated: Metered; half: Metered };
  readonly baseline: { fixed: Metered; saturated: Metered; half: Metered };
  readonly direct: { fixed: LoadResult; saturated: LoadResult };
  /** Apollo Server alone on the baseline's schema, tuned by hand (bench/apollo-floor-server.ts). */
  readonly apolloFloor: { fixed: Metered; saturated: Metered };
  /** The same on Apollo's standalone server with its defaults (bench/apollo-afternoon-server.ts). */
  readonly apolloAfternoon: { fixed: Metered; saturated: Metered };
  /** Saturated gateway with LOG_LEVEL=warn (no per-call info line). */
  readonly gatewayQuietLogs: Metered;
  /** Saturated gateway with V8's default young generation, and the floor with the gateway's (GATEWAY_NODE_FLAGS). */
  readonly youngGeneration: { gatewayDefault: Metered; floorWithGatewayFlags: Metered };
  /** Saturated, back to back: without tracing, then with every trace exported (sampled 100%). */
  readonly tracing: { off: Metered; on: Metered; tenth: Metered; exports: number; exportedBytes: number };
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
  // Warm-up is a run of its own, so the process's CPU and GC are metered over the measured run only.
  const run = async (target: MeteredProcess & { url: string }, body: string, connections: number) => {
    const options = { url: target.url, body, headers: ctx.headers, connections };
    await load({ ...options, durationS: warmupS });
    return metered(target, () => load({ ...options, durationS }));
  };
  const paced = async (target: MeteredProcess & { url: string }, body: string, rate: number) => {
    const options = { url: target.url, body, headers: ctx.headers, rate, connections: 50 };
    await pacedLoad({ ...options, durationS: warmupS, warmupS: 0 });
    return metered(target, () => pacedLoad({ ...options, durationS, warmupS: 0 }));
  };

  ctx.progress('overhead: gateway');
  const gw = await startGateway(gatewayOptions(ctx, 'overhead'));
  const before = await operationCounts(gw);
  const gFixed = await run(gw, gatewayBody, fixedConnections);
  const gSaturated = await run(gw, gatewayBody, saturationConnections);
  const types = resultTypes(before, await operationCounts(gw));
  // Half of what the gateway sustains, offered evenly to both servers; 50 connections leave headroom.
  const halfRate = Math.max(1, Math.round(gSaturated.rps / 2));
  const gHalf = await paced(gw, gatewayBody, halfRate);
  await gw.stop();

  ctx.progress('overhead: baseline');
  const baseline = await startBaseline(ctx.sim.url, ctx.apps, 'baseline', ctx.outDir);
  const bFixed = await run(baseline, baselineBody, fixedConnections);
  const bSaturated = await run(baseline, baselineBody, saturationConnections);
  const bHalf = await paced(baseline, baselineBody, halfRate);
  await baseline.stop();

  ctx.progress("overhead: Apollo Server's floor");
  const floor = await startBaseline(ctx.sim.url, ctx.apps, 'apollo-floor', ctx.outDir);
  const fFixed = await run(floor, baselineBody, fixedConnections);
  const fSaturated = await run(floor, baselineBody, saturationConnections);
  await floor.stop();
  const floorFlagged = await startBaseline(ctx.sim.url, ctx.apps, 'apollo-floor', ctx.outDir, GATEWAY_NODE_FLAGS);
  const fFlagged = await run(floorFlagged, baselineBody, saturationConnections);
  await floorFlagged.stop();

  ctx.progress('overhead: Apollo Server, the afternoon version');
  const afternoon = await startBaseline(ctx.sim.url, ctx.apps, 'apollo-afternoon', ctx.outDir);
  const aFixed = await run(afternoon, baselineBody, fixedConnections);
  const aSaturated = await run(afternoon, baselineBody, saturationConnections);
  await afternoon.stop();

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
  const gQuiet = await run(quiet, gatewayBody, saturationConnections);
  await quiet.stop();

  ctx.progress("overhead: gateway with V8's default young generation");
  const defaultYoung = await startGateway({ ...gatewayOptions(ctx, 'overhead-default-young'), nodeFlags: [] });
  const gDefaultYoung = await run(defaultYoung, gatewayBody, saturationConnections);
  await defaultYoung.stop();

  const tracing = await tracingCost(ctx, (gateway) => run(gateway, gatewayBody, saturationConnections));

  return {
    gateway: { fixed: gFixed, saturated: gSaturated, half: gHalf },
    baseline: { fixed: bFixed, saturated: bSaturated, half: bHalf },
    direct: { fixed: dFixed, saturated: dSaturated },
    apolloFloor: { fixed: fFixed, saturated: fSaturated },
    apolloAfternoon: { fixed: aFixed, saturated: aSaturated },
    gatewayQuietLogs: gQuiet,
    youngGeneration: { gatewayDefault: gDefaultYoung, floorWithGatewayFlags: fFlagged },
    tracing,
    halfRate,
    resultTypes: types,
  };
}

/**
 * The saturated gateway without tracing, then with OpenTelemetry exporting every trace, then one
 * in ten (the sampler an operator would more likely run), back to back.
 */
export async function tracingCost(ctx: BenchContext, saturate: (gateway: MeteredProcess & { url: string }) => Promise<Metered>): Promise<OverheadResult['tracing']> {
  ctx.progress('overhead: gateway without tracing (paired with the next runs)');
  const plain = await startGateway(gatewayOptions(ctx, 'overhead-untraced'));
  const off = await saturate(plain);
  await plain.stop();

  const sink = await startOtlpSink();
  const traced = async (name: string, sampler: Record<string, string>) => {
    const gateway = await startGateway(gatewayOptions(ctx, name, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', ...sampler } }));
    const result = await saturate(gateway);
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
