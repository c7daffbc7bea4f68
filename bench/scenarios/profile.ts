/**
 * Where the gateway's time goes at saturation, and what of it Apollo Server's floor pays too: the
 * saturated unbind run against the gateway, then against the floor (bench/apollo-floor-server.ts),
 * each under `node --cpu-prof`, summarised by bench/profile-summary.ts. Profiling slows a process,
 * so throughput is not reported; only time, as shares and as µs per request answered.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_UNBIND, GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import { gatewayOptions, type BenchContext } from '../context';
import { load } from '../load';
import { startBaseline, startGateway } from '../processes';
import { summarizeProfile, type ProfileSummary } from '../profile-summary';
import { SETTINGS } from '../settings';

export interface ProfiledRun extends ProfileSummary {
  readonly file: string;
  /** Requests answered in the profiled window, to turn its times into µs per request. */
  readonly requests: number;
}

export interface ProfileResult {
  /** The gateway's main thread, and its WeChat wire thread (src/wechat/transport/wire-thread.ts). */
  readonly gateway: ProfiledRun & { readonly wire: ProfileSummary | undefined };
  readonly floor: ProfiledRun | { readonly error: string };
}

/** Packages listed per profile: enough that the comparison with the floor misses nothing measurable. */
const PACKAGES = 40;

export async function profile(ctx: BenchContext): Promise<ProfileResult> {
  ctx.progress('profile: saturated gateway under --cpu-prof');
  const dir = join(ctx.outDir, 'cpu-profile');
  mkdirSync(dir, { recursive: true });
  const gw = await startGateway(gatewayOptions(ctx, 'profile', { cpuProfDir: dir }));
  const answered = await saturate(gw.url, graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR), ctx.headers);
  // The profile is written when the process exits (SIGTERM → graceful stop → exit 0).
  await gw.stop();
  const wire = newestProfile(dir, false);
  const gateway = { ...summarize(newestProfile(dir, true), answered), wire: wire === undefined ? undefined : summarizeProfile(wire, 1, WINDOW_MS, PACKAGES) };

  ctx.progress("profile: Apollo Server's floor under --cpu-prof");
  const floorDir = join(ctx.outDir, 'cpu-profile-floor');
  mkdirSync(floorDir, { recursive: true });
  const floor = await (async () => {
    const server = await startBaseline(ctx.sim.url, ctx.apps, 'apollo-floor', ctx.outDir, ['--cpu-prof', `--cpu-prof-dir=${floorDir}`]);
    const floorAnswered = await saturate(server.url, graphqlBody(BASELINE_UNBIND, UNBIND_PAIR), {});
    await server.stop();
    return summarize(newestProfile(floorDir, true), floorAnswered);
  })().catch((error: unknown) => ({ error: String(error) }));
  return { gateway, floor };
}

/** The measured run and the stop, without start-up and warm-up. */
const WINDOW_MS = (SETTINGS.durationS + 1) * 1000;

async function saturate(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const result = await load({ url, body, headers, connections: SETTINGS.saturationConnections, durationS: SETTINGS.durationS, warmupS: SETTINGS.warmupS });
  return Math.round(result.rps * result.elapsedS);
}

function summarize(file: string | undefined, requests: number): ProfiledRun {
  if (file === undefined) throw new Error('no .cpuprofile of the main thread was written');
  return { ...summarizeProfile(file, 25, WINDOW_MS, PACKAGES), file, requests };
}

/**
 * One file per thread, CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the
 * process's loop; in the gateway, the other is the WeChat wire thread.
 */
function newestProfile(dir: string, main: boolean): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return files.filter((f) => (f.split('.')[4] === '0') === main).map((f) => join(dir, f)).sort().pop();
}
