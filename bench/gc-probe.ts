/**
 * Bench-only: preloaded into every server the bench starts (`node --require dist/bench/gc-probe.js`),
 * nothing of it is in src/. It keeps V8's own account of every garbage collection (v8.GCProfiler:
 * the type and cost of each collection, with the heap's used size before and after) and, on
 * SIGUSR2, writes what happened since the previous SIGUSR2 to BENCH_GC_FILE as one JSON object.
 * The bench signals before and after a measured run, so the figures are of that run only.
 *
 * Allocation is counted from the heap's used size: what grew between the end of one collection
 * and the start of the next (plus, at the end, since the last one) was allocated. That is exact
 * for the young generation, where nearly everything of a request is allocated, and counts large
 * objects too; it cannot see memory outside the V8 heap (Buffers' backing stores).
 */
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface GcWindow {
  readonly seq: number;
  /** Bytes allocated on the V8 heap in the window. */
  readonly allocatedBytes: number;
  /** Young-generation collections (Scavenge, MinorMarkSweep): count, total and longest pause, µs. */
  readonly young: { count: number; totalUs: number; maxUs: number };
  /** Everything else (mark-compact, incremental marking steps, weak callbacks). */
  readonly other: { count: number; totalUs: number; maxUs: number };
  readonly usedHeapBytes: number;
}

interface GcStatistic {
  gcType: string;
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

const file = process.env['BENCH_GC_FILE'];
if (file !== undefined && file !== '') {
  let seq = 0;
  let profiler = new GCProfiler();
  let usedAtStart = getHeapStatistics().used_heap_size;
  profiler.start();
  process.on('SIGUSR2', () => {
    const data = profiler.stop() as { statistics: GcStatistic[] } | undefined;
    const usedNow = getHeapStatistics().used_heap_size;
    const window = { seq: ++seq, allocatedBytes: 0, young: { count: 0, totalUs: 0, maxUs: 0 }, other: { count: 0, totalUs: 0, maxUs: 0 }, usedHeapBytes: usedNow };
    let after = usedAtStart;
    for (const gc of data?.statistics ?? []) {
      window.allocatedBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - after);
      after = gc.afterGC.heapStatistics.usedHeapSize;
      const bucket = gc.gcType === 'Scavenge' || gc.gcType === 'MinorMarkSweep' ? window.young : window.other;
      bucket.count += 1;
      bucket.totalUs += gc.cost;
      bucket.maxUs = Math.max(bucket.maxUs, gc.cost);
    }
    window.allocatedBytes += Math.max(0, usedNow - after);
    writeFileSync(file, JSON.stringify(window));
    profiler = new GCProfiler();
    usedAtStart = getHeapStatistics().used_heap_size;
    profiler.start();
  });
}
