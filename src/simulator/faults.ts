/**
 * Fault injection: the failures the gateway must survive (WeChat busy, proxies answering HTML,
 * connections lost before or after WeChat acted, calls that never return), queued by tests and
 * consumed in order by the requests they match.
 */

export type Fault =
  /** HTTP 200 `{errcode, errmsg}` instead of applying. */
  | { path: string; kind: 'errcode'; errcode: number; errmsg?: string; times?: number }
  | { path: string; kind: 'http500'; times?: number }
  /** HTTP 200 with a body that is not JSON, as a proxy or captive portal would send. */
  | { path: string; kind: 'garbage'; times?: number }
  /** The socket is destroyed without an answer; with afterApply the state change happens first. */
  | { path: string; kind: 'drop'; afterApply?: boolean; times?: number }
  /** No answer until the simulator closes. */
  | { path: string; kind: 'hang'; times?: number }
  /** A normal answer (and state change) after ms, without holding up other requests. */
  | { path: string; kind: 'delay'; ms: number; times?: number };

interface Queued {
  readonly fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new RangeError(`fault times must be a positive integer or Infinity, got ${times}`);
    }
    if (fault.kind === 'delay' && !(fault.ms >= 0 && Number.isFinite(fault.ms))) {
      throw new RangeError(`delay fault ms must be a finite number >= 0, got ${fault.ms}`);
    }
    this.queue.push({ fault, remaining: times });
  }

  /** The first queued fault for this path ('*' matches all), used up once. */
  take(path: string): Fault | undefined {
    const index = this.queue.findIndex((q) => q.fault.path === path || q.fault.path === '*');
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }
}
