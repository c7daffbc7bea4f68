/**
 * What one measured run cost the server process: CPU time from /proc/<pid>/stat (user + system,
 * the whole process, all threads, and its main thread alone), and the V8 heap's allocation and collections from the GC probe
 * in that process (bench/gc-probe.ts), each per request answered. Snapshots are taken right before
 * and right after the run, so warm-up and start-up are not in them.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { GcWindow } from './gc-probe';
import type { LoadResult } from './load';

/** Clock ticks per second of /proc's utime and stime (USER_HZ; 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100;

export interface Meter {
  /** CPU of the server process per request answered, µs. */
  readonly cpuUsPerRequest: number;
  /** Of that, its main thread's (the event loop's): the rest is worker threads (the gateway's WeChat wire) and V8's GC helpers. */
  readonly mainThreadCpuUsPerRequest: number;
  /** V8 heap allocated per request answered, bytes. */
  readonly allocatedBytesPerRequest: number;
  /** Young-generation collections in the run: count, total and longest pause (ms), and their time per request (µs). */
  readonly young: { count: number; totalMs: number; maxMs: number; usPerRequest: number };
  /** Other collections (mark-compact and its incremental steps). */
  readonly other: { count: number; totalMs: number; maxMs: number };
}

export interface Metered extends LoadResult {
  readonly meter?: Meter;
}

export interface MeteredProcess {
  readonly pid: number;
  readonly gcFile: string;
}

/** The whole process's CPU ticks, or with `thread` one thread's (the main thread's id is the pid). */
function cpuTicks(pid: number, thread?: number): number {
  // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 14th field, stime the 15th.
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the probe for its window since the last ask (SIGUSR2) and waits for it to be written. */
async function gcWindow(target: MeteredProcess, afterSeq: number): Promise<GcWindow | undefined> {
  process.kill(target.pid, 'SIGUSR2');
  for (let i = 0; i < 500; i++) {
    if (existsSync(target.gcFile)) {
      try {
        const window = JSON.parse(readFileSync(target.gcFile, 'utf8')) as GcWindow;
        if (window.seq > afterSeq) return window;
      } catch {
        // being written
      }
    }
    await sleep(2);
  }
  return undefined;
}

const lastSeq = new Map<string, number>();

/** Runs `run` against `target` and adds what it cost the target per request. */
export async function metered(target: MeteredProcess, run: () => Promise<LoadResult>): Promise<Metered> {
  const start = await gcWindow(target, lastSeq.get(target.gcFile) ?? 0);
  const ticksBefore = cpuTicks(target.pid);
  const mainBefore = cpuTicks(target.pid, target.pid);
  const result = await run();
  const ticks = cpuTicks(target.pid) - ticksBefore;
  const mainTicks = cpuTicks(target.pid, target.pid) - mainBefore;
  const gc = await gcWindow(target, start?.seq ?? 0);
  if (gc !== undefined) lastSeq.set(target.gcFile, gc.seq);
  const requests = Math.round(result.rps * result.elapsedS);
  if (gc === undefined || requests === 0) return result;
  return {
    ...result,
    meter: {
      cpuUsPerRequest: (ticks / TICKS_PER_SECOND / requests) * 1e6,
      mainThreadCpuUsPerRequest: (mainTicks / TICKS_PER_SECOND / requests) * 1e6,
      allocatedBytesPerRequest: gc.allocatedBytes / requests,
      young: { count: gc.young.count, totalMs: gc.young.totalUs / 1000, maxMs: gc.young.maxUs / 1000, usPerRequest: gc.young.totalUs / requests },
      other: { count: gc.other.count, totalMs: gc.other.totalUs / 1000, maxMs: gc.other.maxUs / 1000 },
    },
  };
}
