import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WeChatObserver } from '../wechat';

const BREAKER_STATES: Record<string, number> = { Closed: 0, HalfOpen: 1, Open: 2, Isolated: 3 };

/**
 * The gateway's Prometheus metrics, served at /metrics: GraphQL operations by field and result
 * type with latency, upstream requests by domain, path and errcode, token fetches, circuit
 * states, and what is in flight. One registry per gateway, so tests can run several side by side.
 */
export class Metrics implements WeChatObserver {
  readonly registry = new Registry();
  private readonly operations: Counter<'field' | 'result'>;
  private readonly operationSeconds: Histogram<'field'>;
  private readonly operationsInFlight: Gauge;
  private readonly upstreamRequests: Counter<'origin' | 'path' | 'outcome'>;
  private readonly upstreamSeconds: Histogram<'origin' | 'path'>;
  private readonly tokenFetches: Counter<'path' | 'outcome'>;
  private readonly breaker: Gauge<'origin'>;
  private readonly readCacheReads: Counter<'call' | 'outcome'>;
  private readonly readCacheInvalidations: Counter;
  private readonly idempotentRequests: Counter<'outcome'>;

  /** What is in flight and queued upstream, read at each scrape; set by `trackUpstreamLoad`. */
  private upstreamLoad: () => { inFlight: number; queued: number } = () => ({ inFlight: 0, queued: 0 });

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.operations = new Counter({ name: 'gateway_operations_total', help: 'Root fields resolved, by field and result type (the union member, or "error" for a GraphQL error).', labelNames: ['field', 'result'], registers });
    this.operationSeconds = new Histogram({ name: 'gateway_operation_duration_seconds', help: 'Time to resolve a root field, WeChat calls included.', labelNames: ['field'], registers, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    this.operationsInFlight = new Gauge({ name: 'gateway_operations_in_flight', help: 'GraphQL operations being executed.', registers });
    this.upstreamRequests = new Counter({ name: 'wechat_upstream_requests_total', help: 'HTTP requests to WeChat, by domain, path and outcome (errcode, "0" for success, or why no answer came).', labelNames: ['origin', 'path', 'outcome'], registers });
    this.upstreamSeconds = new Histogram({ name: 'wechat_upstream_request_duration_seconds', help: 'Time of one HTTP request to WeChat.', labelNames: ['origin', 'path'], registers, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    this.tokenFetches = new Counter({ name: 'wechat_token_fetches_total', help: 'Access-token requests to WeChat, by token path and outcome.', labelNames: ['path', 'outcome'], registers });
    this.breaker = new Gauge({ name: 'wechat_circuit_state', help: 'Circuit state per WeChat domain: 0 closed, 1 half-open, 2 open.', labelNames: ['origin'], registers });
    this.readCacheReads = new Counter({ name: 'wechat_read_cache_reads_total', help: 'Reads through the read cache, by WeChat call (get, have) and outcome: hit (from the cache), coalesced (answered by a call another read made), miss (this read called WeChat).', labelNames: ['call', 'outcome'], registers });
    this.idempotentRequests = new Counter({ name: 'gateway_idempotency_requests_total', help: 'Mutations sent with an Idempotency-Key, by outcome: stored (first, answer kept), released (nothing reached WeChat), replayed, settled (an unknown outcome run again in settle mode), mismatch, in_use, store_unavailable.', labelNames: ['outcome'], registers });
    this.readCacheInvalidations = new Counter({ name: 'wechat_read_cache_invalidations_total', help: "Changes that dropped an appid's cached reads.", registers });
    const load = () => this.upstreamLoad();
    new Gauge({ name: 'wechat_upstream_in_flight', help: 'Requests to WeChat in flight now.', registers, collect() { this.set(load().inFlight); } });
    new Gauge({ name: 'wechat_upstream_queued', help: 'Requests to WeChat waiting for a slot now.', registers, collect() { this.set(load().queued); } });
  }

  /**
   * The WeChat layer is built with these metrics as its observer, so it exists only after them:
   * it hands back its load here once it does.
   */
  trackUpstreamLoad(load: () => { inFlight: number; queued: number }): void {
    this.upstreamLoad = load;
  }

  /**
   * Platform mode: `wechat_component_ticket_age_seconds`, the stored verify ticket's age, read at
   * each scrape; NaN when none is stored, so "no ticket" never reads as "fresh".
   */
  trackTicketAge(ageSeconds: () => Promise<number | undefined>): void {
    new Gauge({
      name: 'wechat_component_ticket_age_seconds',
      help: "Age of the platform's stored component_verify_ticket (valid 12 hours; WeChat pushes one every 10 minutes); NaN when none.",
      registers: [this.registry],
      async collect() {
        this.set((await ageSeconds()) ?? Number.NaN);
      },
    });
  }

  upstreamCall(call: { origin: string; path: string; stage: 'call' | 'token'; outcome: string; seconds: number }): void {
    this.upstreamRequests.inc({ origin: call.origin, path: call.path, outcome: call.outcome });
    this.upstreamSeconds.observe({ origin: call.origin, path: call.path }, call.seconds);
    if (call.stage === 'token') this.tokenFetches.inc({ path: call.path, outcome: call.outcome });
  }

  breakerState(origin: string, state: string): void {
    this.breaker.set({ origin }, BREAKER_STATES[state] ?? -1);
  }

  readCache(read: { call: 'get' | 'have'; outcome: 'hit' | 'coalesced' | 'miss' }): void {
    this.readCacheReads.inc(read);
  }

  readCacheInvalidation(): void {
    this.readCacheInvalidations.inc();
  }

  idempotentRequest(outcome: string): void {
    this.idempotentRequests.inc({ outcome });
  }

  /** Counts and times root fields; the result type is the union member's class, named as in the schema. */
  rootField(event: { field: string; result: unknown; error: Error | undefined; ms: number }): void {
    this.operationSeconds.observe({ field: event.field }, event.ms / 1000);
    const type = event.error ? 'error' : (event.result as object | null)?.constructor?.name ?? 'null';
    this.operations.inc({ field: event.field, result: type });
  }

  /** Operations in flight: from Apollo's first look at a request to its response. */
  apolloPlugin(): ApolloServerPlugin {
    // One listener for every request: nothing in it is the request's own.
    const listener = {
      willSendResponse: async () => {
        this.operationsInFlight.dec();
      },
    };
    return {
      requestDidStart: async () => {
        this.operationsInFlight.inc();
        return listener;
      },
    };
  }
}
