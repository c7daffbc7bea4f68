/**
 * Item 5: from `spawn` of `node dist/src/main.js` (NODE_ENV=production) to the first GraphQL
 * answer, over several fresh processes; the median is the figure, min and max show the noise.
 */
import { gatewayOptions, type BenchContext } from '../context';
import { startGateway } from '../processes';
import { SETTINGS } from '../settings';
import { median } from '../stats';

export interface StartupResult {
  readonly runsMs: number[];
  readonly medianMs: number;
}

export async function startup(ctx: BenchContext): Promise<StartupResult> {
  ctx.progress(`start-up: ${SETTINGS.startupRuns} fresh gateway processes`);
  const runsMs: number[] = [];
  for (let i = 0; i < SETTINGS.startupRuns; i++) {
    const gw = await startGateway(gatewayOptions(ctx, 'startup'));
    runsMs.push(gw.startupMs);
    await gw.stop();
  }
  return { runsMs, medianMs: median(runsMs) };
}
