/**
 * A/B of gateway builds in one sitting: `node dist/bench/ab.js <main.js> <main.js> … [--rounds N]`
 * (after `npm run bench`'s build, or `npx swc src scripts bench --out-dir dist`). Each round runs
 * every build in turn, fresh process, saturated unbind run (warm-up, then measured), and prints
 * req/s, CPU per request from /proc, and allocation and young-generation pauses per request
 * (bench/meter.ts). Alternating builds is what makes the comparison fair on a machine whose
 * speed drifts from minute to minute. AB_SECONDS (default 8) and AB_CONNECTIONS (100) tune it;
 * AB_ENV (JSON) adds to the gateway's environment, AB_CPU_PROF=<dir> writes a CPU profile of each run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCredentials, GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from './bench-data';
import { benchAuth, gatewayOptions, type BenchContext } from './context';
import { load } from './load';
import { metered } from './meter';
import { memoryOf, startGateway, startSimulatorProcess } from './processes';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
  const builds = args;
  const seconds = Number(process.env['AB_SECONDS'] ?? 8);
  const connections = Number(process.env['AB_CONNECTIONS'] ?? 100);
  const env = process.env['AB_ENV'] ? (JSON.parse(process.env['AB_ENV']) as Record<string, string>) : {};
  const outDir = mkdtempSync(join(tmpdir(), 'gateway-ab-'));
  const sim = await startSimulatorProcess(50);
  const ctx: BenchContext = { sim, apps: benchCredentials(50), outDir, ...benchAuth(outDir), progress: () => undefined };
  const body = graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR);
  process.stdout.write(`build\tround\treq/s\tp99 ms\tCPU µs/req\tmain thread µs/req\talloc KB/req\tscavenges\tyoung µs/req\tlongest young ms\tpeak RSS MB\n`);
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const build of builds) {
        const cpuProfDir = process.env['AB_CPU_PROF'];
        // `main.js#{"LOG_LEVEL":"warn"}`: that build with more environment of its own.
        const [mainJs, own] = build.split('#', 2) as [string, string | undefined];
        // `"NODE_FLAGS": ""` runs the build with Node's defaults instead of GATEWAY_NODE_FLAGS.
        const { NODE_FLAGS: nodeFlags, ...buildEnv } = { ...env, ...(own ? (JSON.parse(own) as Record<string, string>) : {}) };
        const flags = nodeFlags === undefined ? {} : { nodeFlags: nodeFlags.split(' ').filter(Boolean) };
        const gw = await startGateway({ ...gatewayOptions(ctx, 'ab', { env: buildEnv }), mainJs, ...flags, ...(cpuProfDir ? { cpuProfDir } : {}) });
        const options = { url: gw.url, body, headers: ctx.headers, connections };
        await load({ ...options, durationS: 3 });
        const r = await metered(gw, () => load({ ...options, durationS: seconds }));
        const { peakRss } = memoryOf(gw.pid);
        await gw.stop();
        const m = r.meter;
        process.stdout.write(
          [build, round, Math.round(r.rps), r.p99.toFixed(1), m?.cpuUsPerRequest.toFixed(0), m?.mainThreadCpuUsPerRequest.toFixed(0), ((m?.allocatedBytesPerRequest ?? NaN) / 1024).toFixed(1), m?.young.count, m?.young.usPerRequest.toFixed(1), m?.young.maxMs.toFixed(2), Math.round(peakRss / 2 ** 20)].join('\t') + `\t${r.non2xx + r.errors > 0 ? `FAILED ${r.non2xx + r.errors}` : ''}\n`,
        );
      }
    }
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
