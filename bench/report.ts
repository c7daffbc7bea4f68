/**
 * Turns the measurements into the printed table and bench/RESULTS.md: every figure of the issue,
 * its ratio to the baseline and to direct undici, the targets and whether they were met, the
 * machine, and the CPU profile of the saturated gateway. bench/FINDINGS.md (hand-written: what
 * the profile showed and what was changed) is included as it stands.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load';
import type { Machine } from './machine';
import type { Metered } from './meter';
import type { Share } from './profile-summary';
import type { BatchedReadsResult } from './scenarios/batched-reads';
import type { OverheadResult } from './scenarios/overhead';
import type { ProfileResult } from './scenarios/profile';
import type { SlowUpstreamRun } from './scenarios/slow-upstream';
import type { StampedeResult } from './scenarios/stampede';
import type { StartupResult } from './scenarios/startup';
import { BEFORE_THIS_PASS, GATEWAY_NODE_FLAGS, SETTINGS } from './settings';

export interface BenchResults {
  readonly startedAt: Date;
  readonly elapsedS: number;
  readonly machineBefore: Machine;
  readonly loadAfter: readonly number[];
  readonly overhead: OverheadResult;
  readonly slow: SlowUpstreamRun[];
  readonly batched: BatchedReadsResult;
  readonly stampede: StampedeResult;
  readonly startup: StartupResult;
  readonly profile: ProfileResult | { error: string };
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
const rps = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : 'n/a');
const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : 'n/a');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');
const us = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} µs` : 'n/a');
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function loadRow(name: string, r: LoadResult): string[] {
  const failures = r.non2xx + r.errors;
  return [name, rps(r.rps), ms(r.p50), ms(r.p99), failures > 0 ? `${failures} (non-2xx ${r.non2xx}, errors ${r.errors})` : '0'];
}

/** CPU, allocation and collections of a server process over one measured run (bench/meter.ts). */
function costRow(name: string, r: Metered): string[] {
  const m = r.meter;
  if (m === undefined) return [name, rps(r.rps), 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
  return [
    name,
    rps(r.rps),
    us(m.cpuUsPerRequest),
    us(m.mainThreadCpuUsPerRequest),
    kb(m.allocatedBytesPerRequest),
    `${m.young.count}: ${ms(m.young.totalMs)} in all, longest ${ms(m.young.maxMs)}`,
    `${m.young.usPerRequest.toFixed(1)} µs`,
    m.other.count > 0 ? `${m.other.count}: ${ms(m.other.totalMs)}, longest ${ms(m.other.maxMs)}` : '0',
  ];
}

function types(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.length === 0 ? 'none recorded' : entries.map(([k, n]) => `${k} ${n.toLocaleString('en-US')} (${pct(n / total)})`).join('; ');
}

export function renderReport(r: BenchResults): string {
  const o = r.overhead;
  const m = r.machineBefore;
  const out: string[] = [];
  const slowDefault = r.slow[0];
  const gs = o.gateway.saturated.meter;
  const targets: string[][] = [
    ["throughput at saturation ≥ 1.0 × Apollo's floor", `${ratio(o.gateway.saturated.rps, o.apolloFloor.saturated.rps)} (${rps(o.gateway.saturated.rps)} vs ${rps(o.apolloFloor.saturated.rps)} req/s)`, met(o.gateway.saturated.rps >= o.apolloFloor.saturated.rps)],
    ['throughput at saturation ≥ 0.75 × baseline', `${ratio(o.gateway.saturated.rps, o.baseline.saturated.rps)} (${rps(o.gateway.saturated.rps)} vs ${rps(o.baseline.saturated.rps)} req/s)`, met(o.gateway.saturated.rps >= 0.75 * o.baseline.saturated.rps)],
    ['p99 at half of saturation ≤ 2 × baseline p99', `${ms(o.gateway.half.p99)} vs ${ms(o.baseline.half.p99)} (${ratio(o.gateway.half.p99, o.baseline.half.p99)}) at ${rps(o.halfRate)} req/s`, met(o.gateway.half.p99 <= 2 * o.baseline.half.p99)],
    [
      `allocation per request (saturated) < before this pass (${kb(BEFORE_THIS_PASS.allocatedBytesPerRequest)})`,
      gs ? `${kb(gs.allocatedBytesPerRequest)} (${ratio(gs.allocatedBytesPerRequest, BEFORE_THIS_PASS.allocatedBytesPerRequest)})` : 'n/a',
      met(gs !== undefined && gs.allocatedBytesPerRequest < BEFORE_THIS_PASS.allocatedBytesPerRequest),
    ],
    [
      `young-generation pause per request (saturated) < before this pass (${us(BEFORE_THIS_PASS.youngUsPerRequest)})`,
      gs ? `${us(gs.young.usPerRequest)} (${ratio(gs.young.usPerRequest, BEFORE_THIS_PASS.youngUsPerRequest)}); ${gs.young.count} scavenges, longest ${ms(gs.young.maxMs)}` : 'n/a',
      met(gs !== undefined && gs.young.usPerRequest < BEFORE_THIS_PASS.youngUsPerRequest),
    ],
    ['peak RSS ≤ 300 MB with 5,000 concurrent slow calls', slowDefault ? mib(slowDefault.peakRssBytes) : 'n/a', met(slowDefault !== undefined && slowDefault.peakRssBytes <= 300 * 2 ** 20)],
    ['token fetches for 1,000 concurrent calls on a cold appid = 1', String(r.stampede.tokenFetches), met(r.stampede.tokenFetches === 1)],
    ['start-up ≤ 1.5 s', ms(r.startup.medianMs), met(r.startup.medianMs <= 1500)],
  ];
  const floorRatio = ratio(o.apolloFloor.saturated.rps, o.baseline.saturated.rps);

  out.push('# Benchmark results', '');
  out.push(`Written by \`npm run bench\` (bench/run.ts) on ${r.startedAt.toISOString()}, in ${Math.round(r.elapsedS)} s.${SETTINGS.quick ? ' **BENCH_QUICK=1: short runs, numbers not meaningful.**' : ''}`, '');
  out.push('## Machine', '');
  out.push(table(['', ''], [
    ['CPU', `${m.cpu}, ${m.cores} cores`],
    ['memory', `${m.memoryGiB.toFixed(1)} GiB (${m.freeMemoryGiB.toFixed(1)} GiB free at start)`],
    ['OS, Node', `${m.os}, Node ${m.node}`],
    ['load average (1/5/15 min)', `${m.loadAverage.map((l) => l.toFixed(2)).join(' / ')} at start, ${r.loadAfter.map((l) => l.toFixed(2)).join(' / ')} at end`],
    ['open files limit', m.openFilesLimit],
  ]));
  out.push('');
  out.push(
    `Every server is its own process on loopback: the WeChat simulator (no artificial delay except in item 2), the gateway ` +
      '(`node dist/src/main.js`, `NODE_ENV=production`, `LOG_LEVEL=info` unless said, logs to a file), the baseline ' +
      "(bench/baseline-server.ts), Apollo Server's floor (bench/apollo-floor-server.ts) and the direct undici client " +
      '(bench/direct-client.ts); autocannon runs in the runner. ' +
      `**All of them share the machine's ${m.cores} cores**, so the gateway never has a core to itself, and the simulator's and ` +
      "autocannon's CPU is part of every figure; ratios measured in the same run are the meaningful numbers. " +
      `Each load run: ${SETTINGS.warmupS} s warm-up, then ${SETTINGS.durationS} s measured; fixed load = ${SETTINGS.fixedConnections} connections, ` +
      `saturation = ${SETTINGS.saturationConnections} connections. Latencies are per response, to 0.01 ms. ` +
      'The gateway runs as production must: JWT authentication (HS256, issuer and audience checked; an API keys file configured beside it; production refuses to start without authentication), rate limits ' +
      'on but set to their maximum so they are paid for and never refuse, operation limits, metrics and the audit log. ' +
      'The baseline has none of these: the ratio is the price of all of them together.',
    '',
  );

  out.push('## Targets', '', table(['target', 'measured', ''], targets), '');
  out.push(
    `For scale: Apollo Server alone, serving the baseline's own schema and resolver with nothing of the gateway (bench/apollo-floor-server.ts), ` +
      `reaches ${floorRatio} of the baseline at saturation (${rps(o.apolloFloor.saturated.rps)} req/s), and the gateway ${ratio(o.gateway.saturated.rps, o.apolloFloor.saturated.rps)} of that; ` +
      `the afternoon version (Apollo's standalone server, defaults on; bench/apollo-afternoon-server.ts) reaches ${rps(o.apolloAfternoon.saturated.rps)} req/s, and the gateway ${ratio(o.gateway.saturated.rps, o.apolloAfternoon.saturated.rps)} of it. ` +
      '`@apollo/server` is part of the fixed stack, so its floor bounds what any gateway built on it can reach here.',
    '',
  );

  out.push('## 1. Overhead: `unbindOpenAccount`', '');
  out.push(table(['target', 'req/s', 'p50', 'p99', 'failed'], [
    loadRow(`gateway, ${SETTINGS.fixedConnections} connections`, o.gateway.fixed),
    loadRow(`baseline, ${SETTINGS.fixedConnections} connections`, o.baseline.fixed),
    loadRow(`direct undici, ${SETTINGS.fixedConnections} concurrent`, o.direct.fixed),
    loadRow(`gateway, saturation (${SETTINGS.saturationConnections})`, o.gateway.saturated),
    loadRow(`baseline, saturation (${SETTINGS.saturationConnections})`, o.baseline.saturated),
    loadRow(`direct undici, saturation (${SETTINGS.saturationConnections})`, o.direct.saturated),
    loadRow(`Apollo Server's floor, ${SETTINGS.fixedConnections} connections`, o.apolloFloor.fixed),
    loadRow(`Apollo Server's floor, saturation (${SETTINGS.saturationConnections})`, o.apolloFloor.saturated),
    loadRow(`Apollo Server, afternoon version, ${SETTINGS.fixedConnections} connections`, o.apolloAfternoon.fixed),
    loadRow(`Apollo Server, afternoon version, saturation (${SETTINGS.saturationConnections})`, o.apolloAfternoon.saturated),
  ]));
  out.push('');
  out.push(
    "What each run cost the server's own process (bench/meter.ts): CPU from `/proc/<pid>/stat` (user + system, all threads; the main thread's from `/proc/<pid>/task/<pid>/stat`, the rest being the gateway's WeChat wire thread and V8's GC helper threads) over the measured run, and the V8 heap's " +
      'allocation and collections from V8\'s GC profiler inside the process (bench/gc-probe.ts, preloaded into every server the bench starts, signalled before and after the run), each per request answered:',
    '',
  );
  out.push(table(['server, run', 'req/s', 'CPU / request', 'of which main thread', 'allocated / request', 'young-generation collections', 'young pause / request', 'other collections'], [
    costRow(`gateway, ${SETTINGS.fixedConnections} connections`, o.gateway.fixed),
    costRow(`gateway, saturation (${SETTINGS.saturationConnections})`, o.gateway.saturated),
    costRow('gateway, half of saturation (paced)', o.gateway.half),
    costRow('gateway, saturation, `LOG_LEVEL=warn`', o.gatewayQuietLogs),
    costRow(`baseline, ${SETTINGS.fixedConnections} connections`, o.baseline.fixed),
    costRow(`baseline, saturation (${SETTINGS.saturationConnections})`, o.baseline.saturated),
    costRow('baseline, half of saturation (paced)', o.baseline.half),
    costRow(`Apollo Server's floor, saturation (${SETTINGS.saturationConnections})`, o.apolloFloor.saturated),
    costRow(`Apollo Server, afternoon version, saturation (${SETTINGS.saturationConnections})`, o.apolloAfternoon.saturated),
    costRow("gateway, saturation, V8's default young generation", o.youngGeneration.gatewayDefault),
    costRow(`Apollo Server's floor, saturation, with the gateway's \`${GATEWAY_NODE_FLAGS.join(' ')}\``, o.youngGeneration.floorWithGatewayFlags),
  ]));
  out.push(
    '',
    `The gateway runs with \`${GATEWAY_NODE_FLAGS.join(' ')}\`, as \`npm start\` does (bench/settings.ts says why); the other servers run with Node's defaults, as a team would run them. ` +
      `The last two rows split that out: the gateway without the flag, ${rps(o.youngGeneration.gatewayDefault.rps)} req/s (${ratio(o.youngGeneration.gatewayDefault.rps, o.apolloFloor.saturated.rps)} of the floor); the floor with it, ${rps(o.youngGeneration.floorWithGatewayFlags.rps)} req/s.`,
  );
  out.push('');
  const ratioRows = (name: string, g: LoadResult, b: LoadResult, d: LoadResult) => [
    [`${name}: gateway / baseline`, ratio(g.rps, b.rps), ratio(g.p50, b.p50), ratio(g.p99, b.p99)],
    [`${name}: gateway / direct`, ratio(g.rps, d.rps), ratio(g.p50, d.p50), ratio(g.p99, d.p99)],
  ];
  const floorRows = (name: string, g: LoadResult, f: LoadResult, b: LoadResult) => [
    [`${name}: gateway / Apollo's floor`, ratio(g.rps, f.rps), ratio(g.p50, f.p50), ratio(g.p99, f.p99)],
    [`${name}: Apollo's floor / baseline`, ratio(f.rps, b.rps), ratio(f.p50, b.p50), ratio(f.p99, b.p99)],
  ];
  out.push(table(['ratio', 'req/s', 'p50', 'p99'], [
    ...ratioRows(`${SETTINGS.fixedConnections} connections`, o.gateway.fixed, o.baseline.fixed, o.direct.fixed),
    ...ratioRows('saturation', o.gateway.saturated, o.baseline.saturated, o.direct.saturated),
    ...floorRows(`${SETTINGS.fixedConnections} connections`, o.gateway.fixed, o.apolloFloor.fixed, o.baseline.fixed),
    ...floorRows('saturation', o.gateway.saturated, o.apolloFloor.saturated, o.baseline.saturated),
    ['saturation: gateway / Apollo, afternoon version', ratio(o.gateway.saturated.rps, o.apolloAfternoon.saturated.rps), ratio(o.gateway.saturated.p50, o.apolloAfternoon.saturated.p50), ratio(o.gateway.saturated.p99, o.apolloAfternoon.saturated.p99)],
  ]));
  out.push('');
  out.push(`Half of saturation: ${rps(o.halfRate)} req/s, half the gateway's saturated rate, offered to both at an even pace (bench/paced-load.ts, open loop, up to 50 connections, latency from when each request was due):`, '');
  out.push(table(['target', 'req/s', 'p50', 'p99', 'failed'], [loadRow('gateway', o.gateway.half), loadRow('baseline', o.baseline.half)]));
  out.push('');
  out.push(`Result types the gateway returned (fixed + saturated runs): ${types(o.resultTypes)}. The first unbind succeeds; every later one is answered 89002 by WeChat, which takes the same path (token, upstream call, errcode mapping to a union member).`, '');
  out.push(
    `Logging: the saturated gateway with \`LOG_LEVEL=warn\` (without the two info lines of each unbind: \`wechat call\` and \`audit: mutation\`) serves ${rps(o.gatewayQuietLogs.rps)} req/s, p99 ${ms(o.gatewayQuietLogs.p99)}; ` +
      `with the default \`info\`, ${rps(o.gateway.saturated.rps)} req/s: info logging costs ${pct(1 - o.gateway.saturated.rps / o.gatewayQuietLogs.rps)} of throughput (info/warn = ${ratio(o.gateway.saturated.rps, o.gatewayQuietLogs.rps)}).`,
    '',
  );
  out.push(
    `Tracing: the saturated gateway with OpenTelemetry exporting every trace (\`OTEL_TRACES_SAMPLER=always_on\`, http/protobuf to a local OTLP sink; ${o.tracing.exports} exports, ${(o.tracing.exportedBytes / 2 ** 20).toFixed(1)} MB) serves ${rps(o.tracing.on.rps)} req/s, p99 ${ms(o.tracing.on.p99)}; ` +
      `the same gateway without tracing, run just before it, ${rps(o.tracing.off.rps)} req/s, p99 ${ms(o.tracing.off.p99)}: tracing at 100% costs ${pct(1 - o.tracing.on.rps / o.tracing.off.rps)} of throughput (on/off = ${ratio(o.tracing.on.rps, o.tracing.off.rps)}). Sampling one trace in ten (\`traceidratio\`, 0.1): ${rps(o.tracing.tenth.rps)} req/s, p99 ${ms(o.tracing.tenth.p99)} (${ratio(o.tracing.tenth.rps, o.tracing.off.rps)} of off). Without an endpoint tracing is off and no span is recorded.`,
    '',
  );

  out.push(`## 2. Slow upstream: ${SETTINGS.slowUpstreamMs} ms per WeChat answer, ${SETTINGS.slowClients.toLocaleString('en-US')} concurrent clients`, '');
  out.push(table(['gateway', 'req/s', 'p50', 'p99', 'peak RSS', 'failed', 'result types'], r.slow.map((s) => [...loadRow(s.label, s.load).slice(0, 4), mib(s.peakRssBytes), loadRow('', s.load)[4]!, types(s.resultTypes)])));
  out.push('', 'Peak RSS is the gateway process\'s VmHWM (whole life, start-up and warm-up included). With defaults, at most `WECHAT_MAX_IN_FLIGHT` (256) calls are in flight and `WECHAT_MAX_QUEUE` (1024) wait; the rest are answered `OverloadedError` at once, which is what keeps memory flat. At 100 ms per answer the upstream pool, not CPU, bounds successful calls: `WECHAT_CONNECTIONS` / 0.1 s.', '');

  out.push('## 3. Batched reads: `_entities` for 100 apps (50 repeated)', '');
  if ('skipped' in r.batched) {
    out.push(r.batched.skipped, '');
  } else {
    const b = r.batched;
    out.push(table(['', 'wall time', 'upstream gets', 'token fetches', 'peak concurrent gets', 'OpenAccount answers'], [
      ['cold (first query, fresh gateway)', ms(b.cold.wallMs), String(b.cold.getCalls), String(b.cold.tokenFetches), String(b.cold.maxConcurrentGets), `${b.cold.resolved} of ${b.representations}`],
      [`warm (median of ${b.warm.repeats})`, ms(b.warm.medianWallMs), `${b.warm.getCallsPerQuery} per query`, String(b.warm.tokenFetches), String(b.warm.maxConcurrentGets), ''],
      [`warm, upstream delayed ${b.delayed.upstreamMs} ms (median of ${b.delayed.repeats})`, ms(b.delayed.medianWallMs), `${b.delayed.getCallsPerQuery} per query`, '', String(b.delayed.maxConcurrentGets), ''],
    ]));
    out.push(
      '',
      `Expected: ${b.distinctApps} upstream gets per query (each distinct appid once), at most \`WECHAT_READ_CONCURRENCY\` (10) at once. ` +
        `With a fast simulator the reads barely overlap; with ${b.delayed.upstreamMs} ms per answer, ${b.distinctApps} reads 10 at a time take about ${(b.distinctApps / 10) * b.delayed.upstreamMs} ms (one at a time: ${b.distinctApps * b.delayed.upstreamMs} ms).`,
      '',
    );
  }

  const s = r.stampede;
  out.push(`## 4. Stampede: ${s.calls.toLocaleString('en-US')} concurrent unbinds for a cold appid`, '');
  out.push(table(['token fetches', 'upstream unbinds', 'req/s', 'p50', 'p99', 'failed'], [[String(s.tokenFetches), String(s.upstreamUnbinds), ...loadRow('', s.load).slice(1)]]));
  out.push('', `Result types: ${types(s.resultTypes)}.`, '');

  out.push('## 5. Start-up: spawn to first served GraphQL request', '');
  out.push(`Median ${ms(r.startup.medianMs)} over ${r.startup.runsMs.length} fresh processes (${r.startup.runsMs.map((v) => Math.round(v)).join(', ')} ms); \`NODE_ENV=production\`, schema built, Apollo started, port listening, \`{ __typename }\` answered.`, '');

  out.push('## CPU profile of the saturated gateway', '');
  if ('error' in r.profile) {
    out.push(`Profile failed: ${r.profile.error}`, '');
  } else {
    const p = r.profile.gateway;
    const wire = r.profile.gateway.wire;
    out.push(`\`node --cpu-prof\` on the gateway during the saturated unbind run; the last ${SETTINGS.durationS + 1} s of the profile (the measured run and the stop, not start-up or warm-up): ${Math.round(p.busyMs)} ms busy, ${Math.round(p.idleMs)} ms idle, ${p.requests.toLocaleString('en-US')} requests answered. Shares are of busy time. Summarised by bench/profile-summary.ts (run it on any .cpuprofile). This is the gateway's main thread; the WeChat wire thread (undici's pools) was busy ${wire === undefined ? 'for an unknown time (no profile)' : `${Math.round(wire.busyMs)} ms`} of the same period, on the other core.`, '');
    const shareRows = (rows: Share[]) => rows.slice(0, 15).map((x) => [pct(x.share), `${Math.round(x.ms)} ms`, `\`${x.name}\``]);
    out.push('Self time by package:', '', table(['share', 'time', 'package'], shareRows(p.selfByPackage)), '');
    out.push('Inclusive time by package (a sample counts for every package on its stack):', '', table(['share', 'time', 'package'], shareRows(p.inclusiveByPackage)), '');
    out.push('Top functions by self time:', '', table(['share', 'time', 'function'], shareRows(p.topSelf)), '');
    out.push('Top functions by inclusive time:', '', table(['share', 'time', 'function'], shareRows(p.topInclusive)), '');
    out.push(...renderAgainstFloor(r.profile));
  }

  const findings = join(__dirname, '..', '..', 'bench', 'FINDINGS.md');
  if (existsSync(findings)) out.push(readFileSync(findings, 'utf8').trim(), '');
  return out.join('\n');
}

/**
 * The gateway's profile beside Apollo's floor's, package by package, in µs of self time per
 * request answered: what the floor pays too (the fixed stack), and what only the gateway pays.
 */
function renderAgainstFloor(profile: ProfileResult): string[] {
  const out = ["### Per request, against Apollo Server's floor", ''];
  const { gateway, floor } = profile;
  if ('error' in floor) return [...out, `The floor's profile failed: ${floor.error}`, ''];
  const perRequest = (rows: readonly Share[] | undefined, requests: number) => new Map((rows ?? []).map((x) => [x.name, (x.ms * 1000) / requests]));
  const main = perRequest(gateway.selfByPackage, gateway.requests);
  const wire = perRequest(gateway.wire?.selfByPackage, gateway.requests);
  const floors = perRequest(floor.selfByPackage, floor.requests);
  const both = (name: string) => (main.get(name) ?? 0) + (wire.get(name) ?? 0);
  const names = [...new Set([...main.keys(), ...wire.keys(), ...floors.keys()])].filter((name) => Math.max(both(name), floors.get(name) ?? 0) >= 1).sort((a, b) => both(b) - both(a));
  const cell = (v: number | undefined) => (v === undefined ? '0' : v.toFixed(1));
  const rows = names.map((name) => [`\`${name}\``, cell(main.get(name)), cell(wire.get(name)), cell(both(name)), cell(floors.get(name)), (both(name) - (floors.get(name) ?? 0)).toFixed(1)]);
  const busy = (ms: number | undefined, requests: number) => ((ms ?? 0) * 1000) / requests;
  const gatewayBusy = busy(gateway.busyMs, gateway.requests) + busy(gateway.wire?.busyMs, gateway.requests);
  rows.push(['**busy, in all**', busy(gateway.busyMs, gateway.requests).toFixed(1), busy(gateway.wire?.busyMs, gateway.requests).toFixed(1), gatewayBusy.toFixed(1), busy(floor.busyMs, floor.requests).toFixed(1), (gatewayBusy - busy(floor.busyMs, floor.requests)).toFixed(1)]);
  out.push(
    `The same saturated run against the floor (bench/apollo-floor-server.ts), also under \`--cpu-prof\`: ${floor.requests.toLocaleString('en-US')} requests answered in its window, ${Math.round(floor.busyMs)} ms busy. Self time by package, in µs per request answered (packages under 1 µs on both sides left out). The floor runs its upstream call (undici) on its one thread; the gateway on its wire thread. Profiling costs both about the same per sample, so the differences are what compare.`,
    '',
    table(['package', 'gateway, main thread', 'gateway, wire thread', 'gateway', 'floor', 'gateway − floor'], rows),
    '',
  );
  return out;
}
