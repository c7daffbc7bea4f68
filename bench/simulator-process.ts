/**
 * The WeChat simulator in a process of its own, so the gateway's CPU is measured alone, with an
 * IPC channel to the bench runner: the runner switches the upstream delay on and off and reads
 * the simulator's counters (calls per path, token fetches, peak concurrency) without adding any
 * route to the simulator's HTTP face. Started by bench/processes.ts with `fork`.
 */
import { startSimulator } from '../src/simulator';
import { BENCH_OPEN_APPID, BENCH_SUBJECT, benchAccounts } from './bench-data';
import type { SimulatorCommand, SimulatorCounters, SimulatorReply } from './simulator-protocol';

async function main(): Promise<void> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: true });
  const accounts = benchAccounts(Number(process.env['BENCH_ENTITY_APPS'] ?? 0));
  for (const account of accounts) sim.state.accounts.addAccount(account);
  if (accounts.length > 0) {
    sim.state.accounts.addOpenAccount({ openAppid: BENCH_OPEN_APPID, subject: BENCH_SUBJECT, quota: accounts.length, members: accounts.map((a) => a.appid) });
  }

  const counters = (paths: readonly string[], appids: readonly string[]): SimulatorCounters => ({
    calls: Object.fromEntries(paths.map((p) => [p, sim.counters.calls(p)])),
    maxConcurrent: Object.fromEntries(paths.map((p) => [p, sim.counters.maxConcurrent(p)])),
    tokenFetches: Object.fromEntries(appids.map((a) => [a, sim.counters.tokenFetches(a)])),
    totalCalls: sim.counters.calls(),
    totalTokenFetches: sim.counters.tokenFetches(),
  });

  process.on('message', (message: SimulatorCommand) => {
    let reply: SimulatorReply;
    switch (message.cmd) {
      case 'counters':
        reply = { id: message.id, counters: counters(message.paths, message.appids) };
        break;
      case 'reset':
        sim.counters.reset();
        reply = { id: message.id };
        break;
      case 'delay':
        // Every path, every time, until switched off: a uniformly slow WeChat.
        sim.faults.clear();
        if (message.ms > 0) sim.faults.inject({ path: '*', kind: 'delay', ms: message.ms, times: Number.POSITIVE_INFINITY });
        reply = { id: message.id };
        break;
    }
    process.send?.(reply);
  });
  // The runner going away (even killed) closes the channel: never outlive it.
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  process.send?.({ ready: sim.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
