import { setMaxListeners } from 'node:events';

/**
 * What a WeChat call needs of the deadline it runs under: whether it has passed, and to hear
 * when it does while the call is on the wire or queued for a slot.
 */
export interface CallDeadline {
  readonly expired: boolean;
  /** Calls `listener` once, when the deadline passes; the function returned takes it back. */
  onExpire(listener: () => void): () => void;
  /** The same deadline as an AbortSignal, for the APIs that take one (cockatiel's bulkhead). */
  readonly signal: AbortSignal;
}

/**
 * One GraphQL operation's deadline, shared by every WeChat call it makes (retries, reads,
 * verification). Its timer is made at the first call that listens, and `end()` clears it when
 * the operation is answered.
 *
 * Why not `AbortSignal.timeout(ms)` per operation: its timer and signal outlive the operation by
 * the whole timeout (15 s by default), so at a few thousand operations a second tens of
 * thousands of them are alive at once, survive young-generation collections, and made GC the
 * gateway's largest cost and its latency tail (bench/RESULTS.md).
 *
 * Why listeners of its own rather than an AbortSignal for every call: an AbortController, the
 * `setMaxListeners` its many listeners need, and an event listener per exchange cost about
 * 12 µs an operation (bench/FINDINGS.md), and only a call that waits for a slot needs a signal.
 */
export class Deadline implements CallDeadline {
  private readonly at: number;
  private listeners: Set<() => void> | undefined;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** A timer may run a fraction of a millisecond before `at`: once it has, the deadline has passed, whatever the clock says. */
  private fired = false;

  constructor(ms: number) {
    this.at = performance.now() + ms;
  }

  get expired(): boolean {
    return this.fired || performance.now() >= this.at;
  }

  onExpire(listener: () => void): () => void {
    (this.listeners ??= new Set()).add(listener);
    this.arm();
    return () => this.listeners?.delete(listener);
  }

  /** Aborted when the deadline passes (already aborted if it has). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      // Every call queued for a slot listens to it; 100 entities read 10 at a time is more than 10 listeners.
      setMaxListeners(0, controller.signal);
      if (this.expired) controller.abort();
      else this.arm();
    }
    return this.controller.signal;
  }

  /** The operation is over: nothing waits on its deadline any more. */
  end(): void {
    clearTimeout(this.timer);
    this.listeners = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined || this.fired) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, this.at - performance.now())).unref();
  }

  private fire(): void {
    this.fired = true;
    this.controller?.abort();
    const listeners = this.listeners;
    this.listeners = undefined;
    listeners?.forEach((listener) => listener());
  }
}

/** A CallDeadline that is an AbortSignal already (a background task's "stop"). */
export function signalDeadline(signal: AbortSignal): CallDeadline {
  return {
    signal,
    get expired() {
      return signal.aborted;
    },
    onExpire(listener) {
      signal.addEventListener('abort', listener, { once: true });
      return () => signal.removeEventListener('abort', listener);
    },
  };
}
