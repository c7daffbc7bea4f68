/**
 * Item 4: a burst on a cold appid. A fresh gateway (no token cached), 1,000 unbinds sent at once
 * on 1,000 connections: the simulator counts the token fetches for that appid (must be 1: single
 * flight) and the latency shows what the burst costs while that one fetch is awaited.
 */
import { GATEWAY_UNBIND, graphqlBody, UNBIND_PAIR } from '../bench-data';
import { gatewayOptions, resultTypes, type BenchContext } from '../context';
import { load, type LoadResult } from '../load';
import { operationCounts, startGateway } from '../processes';
import { SETTINGS } from '../settings';

export interface StampedeResult {
  readonly calls: number;
  readonly tokenFetches: number;
  readonly upstreamUnbinds: number;
  readonly load: LoadResult;
  readonly resultTypes: Record<string, number>;
}

export async function stampede(ctx: BenchContext): Promise<StampedeResult> {
  ctx.progress(`stampede: ${SETTINGS.stampedeCalls} concurrent calls for a cold appid`);
  const gw = await startGateway(gatewayOptions(ctx, 'stampede'));
  try {
    const before = await operationCounts(gw);
    await ctx.sim.resetCounters();
    const result = await load({
      url: gw.url,
      body: graphqlBody(GATEWAY_UNBIND, UNBIND_PAIR),
      headers: ctx.headers,
      connections: SETTINGS.stampedeCalls,
      amount: SETTINGS.stampedeCalls,
    });
    const counters = await ctx.sim.counters(['/cgi-bin/open/unbind'], [UNBIND_PAIR.appid]);
    return {
      calls: SETTINGS.stampedeCalls,
      tokenFetches: counters.tokenFetches[UNBIND_PAIR.appid]!,
      upstreamUnbinds: counters.calls['/cgi-bin/open/unbind']!,
      load: result,
      resultTypes: resultTypes(before, await operationCounts(gw)),
    };
  } finally {
    await gw.stop();
  }
}
