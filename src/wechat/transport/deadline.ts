import { setMaxListeners } from 'node:events';

/**
 * One GraphQL operation's deadline, shared by every WeChat call it makes (retries, reads,
 * verification). Its AbortSignal and timer are made at the first call that needs them, and
 * `end()` clears the timer when the operation is answered.
 *
 * Why not `AbortSignal.timeout(ms)` per operation: its timer and signal outlive the operation by
 * the whole timeout (15 s by default), so at a few thousand operations a second tens of
 * thousands of them are alive at once, survive young-generation collections, and made GC the
 * gateway's largest cost and its latency tail (bench/RESULTS.md).
 */
export class Deadline {
  private readonly at: number;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.at = performance.now() + ms;
  }

  /** Aborts when the deadline passes (already aborted if it has). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      // Every call in flight listens to it; 100 entities read 10 at a time is more than 10 listeners.
      setMaxListeners(0, controller.signal);
      const remaining = this.at - performance.now();
      if (remaining <= 0) controller.abort();
      else this.timer = setTimeout(() => controller.abort(), remaining).unref();
    }
    return this.controller.signal;
  }

  /** The operation is over: nothing waits on its deadline any more. */
  end(): void {
    clearTimeout(this.timer);
  }
}
