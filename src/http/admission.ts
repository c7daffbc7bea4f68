import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { FairQueue, type QueueEntry } from './fair-queue';

export interface AdmissionConfig {
  /** GraphQL requests admitted (body read, Apollo running) at once. */
  readonly maxInFlight: number;
  /** Requests waiting for admission, all callers together. */
  readonly maxQueue: number;
  /** How long a request may wait for admission before it is answered 503. */
  readonly maxWaitMs: number;
  /** Above this event-loop delay new arrivals are refused at once; 0 turns the check off. */
  readonly maxEventLoopDelayMs: number;
}

/** Why a request was refused (the `reason` label of the shed metric, and of the answer). */
export type ShedReason = 'queue_full' | 'queue_timeout' | 'event_loop_delay' | 'fair_share';

export interface Refusal {
  readonly reason: ShedReason;
  readonly retryAfterSeconds: number;
}

export interface AdmissionStats {
  readonly inFlight: number;
  readonly queued: number;
  /** Callers with requests waiting. */
  readonly queuedCallers: number;
  /** Event-loop delay sustained over the last three 100 ms windows (the least of their worst delays), in ms. */
  readonly eventLoopDelayMs: number;
}

/** What metrics want to know; every method is optional work on the hot path, so keep them cheap. */
export interface AdmissionObserver {
  admitted(waitedMs: number): void;
  shed(reason: ShedReason, callerId: string): void;
}

export interface AdmissionOptions {
  /** True while the WeChat layer has a free slot and nobody waiting for one. */
  readonly upstreamHasRoom: () => boolean;
  readonly logger: Logger;
  readonly observer?: AdmissionObserver;
  /**
   * The worst event-loop delay of the sampling window just ended, in ms, read every 100 ms.
   * Default: what node's `monitorEventLoopDelay` saw. Tests give their own.
   */
  readonly windowDelayMs?: () => number;
}

export interface AdmissionTicket {
  /** The client went away while waiting: drop its place (no answer is sent). */
  cancel(): void;
}

interface Waiting {
  readonly callerId: string;
  readonly arrivedAt: number;
  readonly admit: (release: () => void) => void;
  readonly refuse: (refusal: Refusal) => void;
  timer: NodeJS.Timeout | undefined;
}

/** How often the event-loop delay is read (and the queue re-checked for upstream room). */
const SAMPLE_MS = 100;
/**
 * The delay decided on is the smallest worst delay of the last few windows: only a loop late in
 * every one of them is CPU-bound. One long iteration (a burst of arrivals, a GC pause) is not.
 */
const SUSTAINED_WINDOWS = 3;
/**
 * Each wait bound is drawn between 75% and 100% of `maxWaitMs`. Requests that arrive together
 * (a burst, or closed-loop clients that were all refused together and came straight back) would
 * otherwise time out together: thousands of 503s in one timers phase, with every upstream answer
 * left unread behind them, and their retries arriving as one wave again.
 */
const WAIT_JITTER = 0.25;
/** Shedding counts as stopped after this long without a refusal (one log line each way). */
const QUIET_MS = 5_000;

/**
 * The front door's decision, made before a request's body is read or Apollo runs: admit now,
 * wait in the caller's lane of a fair queue, or refuse at once (HTTP 503, nothing run, nothing
 * sent to WeChat).
 *
 * A request is admitted while fewer than `maxInFlight` are admitted, the WeChat layer has a free
 * slot (a request admitted beyond that would only wait in the upstream queue or be answered
 * OverloadedError after paying for parsing and validation), and nobody is waiting ahead of it.
 * Otherwise it waits, at most `maxWaitMs`, in its caller's lane; lanes are served round-robin as
 * admitted requests finish. It is refused at once when the queue is full and its caller already
 * holds its share, or, for a caller already holding its share, when the event loop is so late
 * (CPU-bound) that even admitted work is slow.
 * An admitted request is never dropped: its slot is released only when its response is done.
 */
export class Admission {
  private readonly queue: FairQueue<Waiting>;
  private inFlight = 0;
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private delayMs = 0;
  private readonly recentDelays: number[] = Array<number>(SUSTAINED_WINDOWS).fill(0);
  private readonly sampler: NodeJS.Timeout;
  private readonly retryAfterSeconds: number;
  private shedding: { since: number; last: number; counts: Record<string, number> } | undefined;

  constructor(
    private readonly config: AdmissionConfig,
    private readonly options: AdmissionOptions,
  ) {
    this.queue = new FairQueue(config.maxQueue);
    // A client told to come back after the longest wait finds the queue turned over.
    this.retryAfterSeconds = Math.max(1, Math.ceil(config.maxWaitMs / 1000));
    if (options.windowDelayMs === undefined) this.delay.enable();
    this.sampler = setInterval(() => this.sample(), SAMPLE_MS).unref();
  }

  /**
   * Asks for a slot for `callerId`: `admit` is called once a slot is given, with the function
   * that gives it back (call it when the response is done), or `refuse` once, with why.
   */
  enter(callerId: string, admit: (release: () => void) => void, refuse: (refusal: Refusal) => void): AdmissionTicket {
    // The common case: room now, nobody ahead. No timer, no queue entry.
    if (this.queue.length === 0 && this.hasRoom()) {
      this.admitNow(admit);
      return NO_TICKET;
    }
    // A late event loop means the process is CPU-bound: callers already holding their share of
    // the queue are refused at once rather than queue more, while a caller within its share
    // still gets its place (so a flood's CPU cost does not shed the callers beside it).
    if (this.lagging() && this.queue.lengthOf(callerId) >= Math.ceil(this.queue.length / Math.max(1, this.queue.callers))) {
      this.refuse(callerId, refuse, 'event_loop_delay');
      return NO_TICKET;
    }
    const waiting: Waiting = { callerId, arrivedAt: performance.now(), admit, refuse, timer: undefined };
    const { queued, evicted } = this.queue.push(callerId, waiting);
    if (queued === undefined) {
      this.refuse(callerId, refuse, 'queue_full');
      return NO_TICKET;
    }
    if (evicted !== undefined) this.drop(evicted, 'fair_share');
    const waitMs = this.config.maxWaitMs * (1 - WAIT_JITTER * Math.random());
    waiting.timer = setTimeout(() => this.drop(queued, 'queue_timeout'), waitMs).unref();
    this.drain();
    return {
      cancel: () => {
        if (this.queue.remove(queued)) clearTimeout(waiting.timer);
      },
    };
  }

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.queue.length, queuedCallers: this.queue.callers, eventLoopDelayMs: this.delayMs };
  }

  /** Stops the sampler; requests still waiting are refused (the server is closing). */
  close(): void {
    clearInterval(this.sampler);
    this.delay.disable();
    for (let entry = this.queue.shift(); entry !== undefined; entry = this.queue.shift()) {
      clearTimeout(entry.value.timer);
      entry.value.refuse({ reason: 'queue_timeout', retryAfterSeconds: this.retryAfterSeconds });
    }
  }

  // Private: decisions and bookkeeping.

  private lagging(): boolean {
    return this.config.maxEventLoopDelayMs > 0 && this.delayMs > this.config.maxEventLoopDelayMs;
  }

  private hasRoom(): boolean {
    return this.inFlight < this.config.maxInFlight && this.options.upstreamHasRoom();
  }

  private admitNow(admit: (release: () => void) => void, waitedMs = 0): void {
    this.inFlight += 1;
    let released = false;
    this.options.observer?.admitted(waitedMs);
    admit(() => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.drain();
    });
  }

  /** Admits waiting requests, in turn, while there is room. */
  private drain(): void {
    while (this.queue.length > 0 && this.hasRoom()) {
      const { value } = this.queue.shift()!;
      clearTimeout(value.timer);
      this.admitNow(value.admit, performance.now() - value.arrivedAt);
    }
  }

  private drop(entry: QueueEntry<Waiting>, reason: ShedReason): void {
    if (reason === 'queue_timeout' && !this.queue.remove(entry)) return;
    clearTimeout(entry.value.timer);
    this.refuse(entry.value.callerId, entry.value.refuse, reason);
  }

  private refuse(callerId: string, refuse: (refusal: Refusal) => void, reason: ShedReason): void {
    this.options.observer?.shed(reason, callerId);
    const now = performance.now();
    if (this.shedding === undefined) {
      this.shedding = { since: now, last: now, counts: {} };
      this.options.logger.warn({ reason, ...this.stats() }, 'admission: shedding started (answering 503 to requests the gateway cannot serve soon)');
    }
    this.shedding.last = now;
    this.shedding.counts[reason] = (this.shedding.counts[reason] ?? 0) + 1;
    refuse({ reason, retryAfterSeconds: this.retryAfterSeconds });
  }

  private sample(): void {
    // max, not a percentile: one long iteration is exactly what delays every admitted request.
    this.recentDelays.push(this.options.windowDelayMs?.() ?? this.delay.max / 1e6);
    if (this.recentDelays.length > SUSTAINED_WINDOWS) this.recentDelays.shift();
    this.delayMs = Math.min(...this.recentDelays);
    this.delay.reset();
    // Upstream slots also free up inside long operations, not only when a response ends.
    this.drain();
    const now = performance.now();
    if (this.shedding !== undefined && now - this.shedding.last >= QUIET_MS) {
      const { since, last, counts } = this.shedding;
      this.shedding = undefined;
      this.options.logger.info({ shed: counts, durationMs: Math.round(last - since) }, 'admission: shedding stopped');
    }
  }
}

const NO_TICKET: AdmissionTicket = { cancel() {} };
