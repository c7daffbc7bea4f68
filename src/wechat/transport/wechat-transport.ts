import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhenResult,
  TaskCancelledError,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { Logger } from 'pino';
import { failure, type WeChatResult } from '../vocabulary/result';
import type { WeChatObserver } from './observer';
import { whileQueued } from './queued-deadline';
import { createRetry } from './retry-policy';
import { inCallSpan, inRequestSpan } from './spans';
import { WireThread } from './wire-thread';
import { deadlineFailure, sendOverWire, unavailableFailure, type WeChatBody, type WeChatRequest } from './wire';

export type { WeChatBody, WeChatRequest } from './wire';

export interface TransportOptions {
  /** Base URLs in order of preference (e.g. https://api.weixin.qq.com); a path prefix is kept. */
  readonly baseUrls: readonly string[];
  readonly connectTimeoutMs: number;
  /** Time allowed for WeChat's answer once the request is sent (headers, then body). */
  readonly responseTimeoutMs: number;
  /** Keep-alive connections per domain. */
  readonly connections: number;
  /** Upstream requests in flight at once, across all domains; more wait in the queue. */
  readonly maxInFlight: number;
  /** Requests waiting for a slot; past that, calls are answered "overloaded" at once. */
  readonly maxQueue: number;
  /** Consecutive failures (no usable answer) that open a domain's circuit. */
  readonly breakerThreshold: number;
  /** How long an open circuit stays open before one probe request is let through. */
  readonly breakerHalfOpenMs: number;
  readonly logger: Logger;
  readonly observer?: WeChatObserver;
  /**
   * Whether calls and upstream requests are recorded as spans; off when no tracing is configured,
   * so the hot path does not build spans and contexts for OpenTelemetry's no-op tracer (6 KB a
   * request, bench/FINDINGS.md). Default on.
   */
  readonly traced?: boolean;
}

interface Upstream {
  readonly origin: string;
  readonly pathPrefix: string;
  readonly breaker: CircuitBreakerPolicy;
}

/** A domain that gives no usable answer is failing; one that answers with an errcode is not. */
const isUnavailable = (result: unknown) => {
  const r = result as WeChatResult<unknown>;
  return !r.ok && r.failure.kind === 'unavailable';
};

/**
 * The policy stack: the only way a call reaches WeChat. From the outside in, a call:
 * 1. is retried with backoff when WeChat says it is busy (RETRY_POLICY), and only then;
 * 2. waits for one of `maxInFlight` slots in a queue of `maxQueue`, or is refused at once;
 * 3. goes to the first domain whose circuit is closed, and moves to the next only when the
 *    request provably never reached the previous one (refused, DNS, connect timeout, open
 *    circuit): a request that may have reached WeChat is never sent to a second domain;
 * 4. crosses the wire (wire.ts): sent once, and decoded into a result value.
 */
export class WeChatTransport {
  private readonly upstreams: readonly Upstream[];
  private readonly wire: WireThread;
  private readonly slots: BulkheadPolicy;
  private meanCallMs = 100;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: TransportOptions) {
    if (options.baseUrls.length === 0) throw new Error('WeChatTransport needs at least one base URL');
    this.slots = bulkhead(options.maxInFlight, options.maxQueue);
    this.retry = createRetry();
    this.upstreams = options.baseUrls.map((base) => {
      const url = new URL(base);
      const breaker = circuitBreaker(handleWhenResult(isUnavailable), {
        halfOpenAfter: options.breakerHalfOpenMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold),
      });
      breaker.onStateChange((state) => {
        options.logger.warn({ origin: url.origin, state: CircuitState[state] }, 'wechat domain circuit changed state');
        options.observer?.breakerState(url.origin, CircuitState[state]);
      });
      options.observer?.breakerState(url.origin, CircuitState[CircuitState.Closed]);
      return {
        origin: url.origin,
        pathPrefix: url.pathname.replace(/\/+$/, ''),
        breaker,
      };
    });
    const { connections, connectTimeoutMs, responseTimeoutMs } = options;
    this.wire = new WireThread([...new Set(this.upstreams.map((u) => u.origin))].map((origin) => ({ origin, connections, connectTimeoutMs, responseTimeoutMs })));
  }

  /** See TransportOptions.traced: the calls above (open-account changes) ask it too. */
  get traced(): boolean {
    return this.options.traced ?? true;
  }

  send(request: WeChatRequest): Promise<WeChatResult<WeChatBody>> {
    const stage = request.stage ?? 'call';
    const attempts = (attempted: () => void) =>
      this.retry.execute(({ attempt }) => {
        attempted();
        return this.sendInSlot(request, stage, attempt + 1);
      }) as Promise<WeChatResult<WeChatBody>>;
    return this.traced ? inCallSpan(request.path, stage, attempts) : attempts(() => undefined);
  }

  /** Upstream requests in flight and waiting for a slot, now. */
  load(): { inFlight: number; queued: number } {
    return { inFlight: this.options.maxInFlight - this.slots.executionSlots, queued: this.options.maxQueue - this.slots.queueSlots };
  }

  /** Time for a full queue to get through the slots at the recent pace of a call, in whole seconds (1 to 60). */
  private retryAfterSeconds(): number {
    const seconds = (this.options.maxQueue / this.options.maxInFlight) * (this.meanCallMs / 1000);
    return Math.min(60, Math.max(1, Math.ceil(seconds)));
  }

  async close(): Promise<void> {
    await this.wire.close();
  }

  /**
   * Waits for a slot, but never past the deadline: a call still queued when it fires was not
   * sent. Once in a slot, the deadline aborts the request itself (which may have been sent).
   */
  private sendInSlot(request: WeChatRequest, stage: 'call' | 'token', attempt: number): Promise<WeChatResult<WeChatBody>> {
    const deadline = request.deadline;
    if (deadline?.expired) return Promise.resolve(failure(deadlineFailure(stage, 'no')));
    let inSlot = false;
    // Only a call that will queue needs the deadline as an AbortSignal: the bulkhead looks at it when it dequeues.
    const queues = this.slots.executionSlots === 0;
    const outcome = this.slots
      .execute(() => {
        inSlot = true;
        return this.sendWithFailover(request, stage, attempt);
      }, queues ? deadline?.signal : undefined)
      .catch((error: unknown): WeChatResult<WeChatBody> => {
        if (error instanceof BulkheadRejectedError) return failure({ kind: 'overloaded', retryAfterSeconds: this.retryAfterSeconds() });
        if (error instanceof TaskCancelledError) return failure(deadlineFailure(stage, 'no'));
        throw error;
      });
    // A call that got a slot at once never waits in the queue (the common case: no listener).
    if (deadline === undefined || inSlot) return outcome;
    return whileQueued(outcome, deadline, () => !inSlot, () => failure(deadlineFailure(stage, 'no')));
  }

  private async sendWithFailover(request: WeChatRequest, stage: 'call' | 'token', attempt: number): Promise<WeChatResult<WeChatBody>> {
    let last: WeChatResult<WeChatBody> | undefined;
    for (const upstream of this.upstreams) {
      const started = performance.now();
      let result: WeChatResult<WeChatBody>;
      const send = async () => {
        try {
          return (await upstream.breaker.execute(() => sendOverWire(this.wire, upstream.origin, upstream.pathPrefix, request, stage))) as WeChatResult<WeChatBody>;
        } catch (error) {
          if (!(error instanceof BrokenCircuitError)) throw error;
          return failure(unavailableFailure('connect', 'circuit open: the domain keeps failing', stage));
        }
      };
      result = await (this.traced ? inRequestSpan(request, upstream, attempt, send) : send());
      this.record(upstream, request, stage, result, performance.now() - started);
      if (result.ok || result.failure.kind !== 'unavailable' || result.failure.sent !== 'no') return result;
      last = result;
    }
    return last!;
  }

  /** One log line and one metric per upstream request. Path only: the query holds the access token. */
  private record(upstream: Upstream, request: WeChatRequest, stage: 'call' | 'token', result: WeChatResult<WeChatBody>, ms: number): void {
    const { origin } = upstream;
    const { path } = request;
    const rounded = Math.round(ms * 10) / 10;
    // A moving average (the last 20 calls or so), for OverloadedError's retryAfterSeconds.
    this.meanCallMs += (ms - this.meanCallMs) / 20;
    let outcome = '0';
    if (result.ok) {
      this.options.logger.info({ origin, path, ms: rounded, errcode: 0 }, 'wechat call');
    } else if (result.failure.kind === 'errcode') {
      const { errcode, rid } = result.failure;
      outcome = String(errcode);
      this.options.logger.info({ origin, path, ms: rounded, errcode, rid }, 'wechat call');
    } else if (result.failure.kind === 'unavailable') {
      const { reason, sent, detail, httpStatus } = result.failure;
      outcome = reason;
      this.options.logger.warn({ origin, path, ms: rounded, reason, sent, detail, httpStatus }, 'wechat call failed');
    }
    this.options.observer?.upstreamCall({ origin, path, stage, outcome, seconds: ms / 1000 });
  }
}
