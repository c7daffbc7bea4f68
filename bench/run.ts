/**
 * `npm run bench`: builds nothing itself (the npm script compiles src/ and bench/ with swc
 * first), starts the WeChat simulator in its own process, runs every item of the benchmark
 * against fresh server processes, prints the report and writes bench/RESULTS.md. It measures
 * and reports; it never fails on a number. Total time is about 5 minutes (BENCH_QUICK=1: ~1).
 * `BENCH_SCENARIO=overload` runs only the overload scenario (about a minute) and replaces its
 * section of bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCredentials } from './bench-data';
import { benchAuth, type BenchContext } from './context';
import { describeMachine, openFilesLimit } from './machine';
import { startSimulatorProcess } from './processes';
import { OVERLOAD_END, OVERLOAD_START, renderOverload } from './overload-report';
import { renderReport } from './report';
import { batchedReads } from './scenarios/batched-reads';
import { overhead } from './scenarios/overhead';
import { overload } from './scenarios/overload';
import { profile } from './scenarios/profile';
import { slowUpstream } from './scenarios/slow-upstream';
import { stampede } from './scenarios/stampede';
import { startup } from './scenarios/startup';
import { SETTINGS } from './settings';

/** The most client sockets of any item (10,000 in the overload scenario), plus pools, files and pipes. */
const NEEDED_OPEN_FILES = Math.max(SETTINGS.slowClients, ...SETTINGS.overloadRuns.map((r) => r.clients + (r.second ?? 0))) + 2_000;

/** `BENCH_SCENARIO=overload`: only the overload scenario, replacing its section of RESULTS.md. */
const ONLY = process.env['BENCH_SCENARIO'];

/**
 * Node cannot raise its own open-files limit, so when the soft limit is too low the runner
 * starts itself again under a shell that raises it (up to the hard limit; no privilege needed).
 */
function ensureOpenFilesLimit(): void {
  const soft = Number(openFilesLimit());
  if (!(soft < NEEDED_OPEN_FILES) || process.env['BENCH_RAISED_NOFILE'] === '1') return;
  const script = `ulimit -n ${NEEDED_OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
  const child = spawnSync('/bin/sh', ['-c', script, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RAISED_NOFILE: '1' },
  });
  process.exit(child.status ?? 1);
}

async function main(): Promise<void> {
  ensureOpenFilesLimit();
  const startedAt = new Date();
  const machineBefore = describeMachine();
  if (Number(machineBefore.openFilesLimit) < NEEDED_OPEN_FILES) {
    process.stderr.write(`warning: open files limit ${machineBefore.openFilesLimit} < ${NEEDED_OPEN_FILES}; item 2 will see connection errors\n`);
  }
  const outDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const sim = await startSimulatorProcess(SETTINGS.entityApps);
  const ctx: BenchContext = {
    sim,
    apps: benchCredentials(SETTINGS.entityApps),
    outDir,
    ...benchAuth(outDir),
    progress: (message) => process.stderr.write(`[bench ${Math.round((Date.now() - startedAt.getTime()) / 1000)}s] ${message}\n`),
  };
  ctx.progress(`logs and profiles in ${outDir}`);
  const file = join(__dirname, '..', '..', 'bench', 'RESULTS.md');
  try {
    if (ONLY === 'overload') {
      const section = renderOverload(await overload(ctx), machineBefore, `Run alone (\`BENCH_SCENARIO=overload\`) on ${startedAt.toISOString()}, in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`);
      const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const start = previous.indexOf(OVERLOAD_START);
      const end = previous.indexOf(OVERLOAD_END);
      const next = start >= 0 && end > start ? `${previous.slice(0, start)}${section}${previous.slice(end + OVERLOAD_END.length)}` : `${previous.trimEnd()}\n\n${section}\n`;
      writeFileSync(file, next);
      process.stdout.write(`${section}\n`);
      ctx.progress(`wrote the overload section of ${file}`);
      return;
    }
    if (ONLY !== undefined) throw new Error(`BENCH_SCENARIO=${ONLY}: only "overload" runs alone`);
    // Start-up first, while nothing else of the bench has warmed the disk cache for it less than a user would.
    const startupResult = await startup(ctx);
    const overheadResult = await overhead(ctx);
    const profileResult = await profile(ctx).catch((error: unknown) => ({ error: String(error) }));
    const slow = await slowUpstream(ctx);
    const batched = await batchedReads(ctx);
    const stampedeResult = await stampede(ctx);
    const overloadRuns = await overload(ctx);
    const report = renderReport({
      startedAt,
      elapsedS: (Date.now() - startedAt.getTime()) / 1000,
      machineBefore,
      loadAfter: loadavg(),
      overhead: overheadResult,
      slow,
      batched,
      stampede: stampedeResult,
      startup: startupResult,
      profile: profileResult,
    });
    const full = `${report}\n\n${renderOverload(overloadRuns, machineBefore, 'Part of the full run above.')}`;
    writeFileSync(file, `${full}\n`);
    process.stdout.write(`${full}\n`);
    ctx.progress(`wrote ${file}`);
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
