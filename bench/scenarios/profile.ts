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

export async function profile(ctx: BenchContext): Promise<ProfileSummary & { file: string }> {
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
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort().pop();
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  // The measured 10 s and the stop, without start-up and warm-up.
  return { ...summarizeProfile(file, 25, (SETTINGS.durationS + 1) * 1000), file };
}
