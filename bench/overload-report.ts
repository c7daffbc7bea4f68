/**
 * The overload scenario's section of bench/RESULTS.md, between two markers so that running the
 * scenario alone (BENCH_SCENARIO=overload) replaces just this section of the last full report.
 */
import type { Machine } from './machine';
import type { OverloadRun } from './scenarios/overload';
import { SETTINGS } from './settings';
import { summarize } from './stats';

export const OVERLOAD_START = '<!-- overload:start -->';
export const OVERLOAD_END = '<!-- overload:end -->';

const n = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 0)} ms` : 'n/a');
const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : 'n/a');
const pct = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : 'n/a');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

function secondShare(run: OverloadRun): number {
  const s = run.second;
  if (s === undefined) return NaN;
  const all = s.latencies.length + s.shed + s.refusedInside + s.failed;
  return all === 0 ? NaN : s.latencies.length / all;
}

export function renderOverload(runs: readonly OverloadRun[], machine: Machine, note: string): string {
  const at = (clients: number) => runs.find((r) => r.clients === clients);
  const ratio = (r: OverloadRun | undefined) => (r ? r.wechatCallsPerS / r.possiblePerS : NaN);
  const five = at(5_000);
  const ten = at(10_000);
  const rows = runs.map((r) => {
    const second = r.second ? summarize([...r.second.latencies]) : undefined;
    return [
      `${n(r.clients)}${r.second ? ` + second caller (${SETTINGS.overloadRuns.find((x) => x.clients === r.clients)?.second ?? '?'})` : ''}`,
      n(r.wechatCallsPerS),
      `${ratio(r).toFixed(2)}×`,
      n(r.load.count / r.load.elapsedS),
      ms(r.load.p50),
      ms(r.load.p99),
      n(r.load.non2xx / r.load.elapsedS),
      r.second ? `${pct(secondShare(r))} (${n(r.second.latencies.length)} of ${n(r.second.latencies.length + r.second.shed + r.second.refusedInside + r.second.failed)}; p50 ${ms(second!.p50)}, p99 ${ms(second!.p99)})` : '',
      Number.isFinite(r.gatewayCpuCores) ? `${Math.round(r.gatewayCpuCores * 100)}%` : 'n/a',
      mib(r.peakRssBytes),
      `${r.health.answered}/${r.health.answered + r.health.failed} (max ${ms(r.health.maxMs)})`,
    ];
  });
  const header = ['clients', 'WeChat calls/s', `of ${n(runs[0]?.possiblePerS ?? NaN)} possible`, 'successes/s', 'p50', 'p99', '503s/s', 'second caller: successes', 'gateway CPU (of a core)', 'peak RSS', '/healthz answered'];
  const targets = [
    ['WeChat calls served ≥ 0.9 × capacity at 5,000 clients', `${ratio(five).toFixed(2)}×`, met(ratio(five) >= 0.9)],
    ['WeChat calls served ≥ 0.8 × capacity at 10,000 clients', `${ratio(ten).toFixed(2)}×`, met(ratio(ten) >= 0.8)],
    ['second caller succeeds ≥ 90% beside the 5,000', pct(five ? secondShare(five) : NaN), met(five !== undefined && secondShare(five) >= 0.9)],
    ['peak RSS ≤ 300 MB at 10,000 clients', ten ? mib(ten.peakRssBytes) : 'n/a', met(ten !== undefined && ten.peakRssBytes <= 300 * 2 ** 20)],
    ['/healthz answers throughout', runs.every((r) => r.health.failed === 0) ? 'every poll answered' : `${runs.reduce((s, r) => s + r.health.failed, 0)} polls failed`, met(runs.every((r) => r.health.failed === 0))],
  ];
  const table = (h: readonly string[], body: readonly (readonly string[])[]) =>
    [`| ${h.join(' | ')} |`, `|${h.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return [
    OVERLOAD_START,
    `## Overload: ${SETTINGS.slowUpstreamMs} ms per WeChat answer, default pool, closed-loop clients`,
    '',
    note,
    '',
    `Machine: ${machine.cpu}, load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')} at start. Each run: a fresh gateway (production posture, default admission settings), ${SETTINGS.warmupS} s warm-up at the same number of clients, then ${SETTINGS.durationS} s measured. Clients are autocannon's: each sends its next unbind as soon as the last is answered, 503 or not (Retry-After is not honoured). The second caller (bench/closed-loop-client.ts, its own process and API key) reads every body: a success is an unbind WeChat answered. WeChat calls/s is the simulator's count of unbinds; capacity is WECHAT_CONNECTIONS / latency. Gateway CPU is the gateway process's user + system time over the measured period (100% is one core): below 100% with calls left unserved, the gateway was waiting, not computing (on a shared machine, for a core); it counts both of the gateway's threads (the WeChat wire has its own). /healthz is polled every 250 ms from a process of its own (bench/health-poller.ts), from before the warm-up to the end; a poll fails after 5 s without an answer.`,
    '',
    table(['target', 'measured', ''], targets),
    '',
    table(header, rows),
    '',
    `Result types the gateway returned: ${runs.map((r) => `${n(r.clients)}: ${Object.entries(r.resultTypes).map(([k, v]) => `${k.replace('unbindOpenAccount: ', '')} ${n(v)}`).join(', ') || 'none'}`).join('; ')}.`,
    '',
    `503s by reason (whole run, warm-up included): ${runs.map((r) => `${n(r.clients)}: ${Object.entries(r.shedByReason).map(([k, v]) => `${k} ${n(v)}`).join(', ') || 'none'}`).join('; ')}.`,
    OVERLOAD_END,
  ].join('\n');
}
