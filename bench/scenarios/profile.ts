/**
 * Where the gateway's time goes at saturation: the saturated unbind run against a gateway under
 * `node --cpu-prof`, summarised by bench/profile-summary.ts. Profiling slows the process, so
 * its throughput is not reported; only the shares of time are.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import { gatewayOptions, type BenchContext } from '../context';
import { load } from '../load';
import { startGateway } from '../processes';
import { summarizeProfile, type ProfileSummary } from '../profile-summary';
import { SETTINGS } from '../settings';

export async function profile(ctx: BenchContext): Promise<ProfileSummary & { file: string; wireThreadBusyMs: number | undefined }> {
  ctx.progress('profile: saturated gateway under --cpu-prof');
  const dir = join(ctx.outDir, 'cpu-profile');
  mkdirSync(dir, { recursive: true });
  const gw = await startGateway(gatewayOptions(ctx, 'profile', { cpuProfDir: dir }));
  await load({
    url: gw.url,
    body: graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR),
    headers: ctx.headers,
    connections: SETTINGS.saturationConnections,
    durationS: SETTINGS.durationS,
    warmupS: SETTINGS.warmupS,
  });
  // The profile is written when the process exits (SIGTERM → graceful stop → exit 0).
  await gw.stop();
  // One file per thread, CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the
  // gateway's loop, the other the WeChat wire thread (src/wechat/transport/wire-thread.ts).
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const ofThread = (main: boolean) => files.filter((f) => (f.split('.')[4] === '0') === main).map((f) => join(dir, f)).sort().pop();
  const file = ofThread(true);
  if (file === undefined) throw new Error(`no .cpuprofile of the main thread written in ${dir}`);
  // The measured 10 s and the stop, without start-up and warm-up.
  const lastMs = (SETTINGS.durationS + 1) * 1000;
  const wire = ofThread(false);
  return { ...summarizeProfile(file, 25, lastMs), file, wireThreadBusyMs: wire === undefined ? undefined : summarizeProfile(wire, 1, lastMs).busyMs };
}
