import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import type { Store } from './store';

const tracer = trace.getTracer('wechat-open-account-gateway/stores');

/** The store's round trips: every method that answers with a promise, but `close`. */
type Method = Exclude<{ [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof Store], 'close'>;
/** What each round trip touches: cache (tokens, reads), a lock or claim, or data (ticket, refresh tokens, pushes, records). */
const HOLDS: Readonly<Record<Method, 'cache' | 'lock' | 'data'>> = {
  getToken: 'cache', putToken: 'cache', deleteTokenIf: 'cache', deleteToken: 'cache',
  getCachedReads: 'cache', putCachedRead: 'cache', dropCachedReads: 'cache',
  tryLock: 'lock', unlock: 'lock', claimOnce: 'lock', releaseClaim: 'lock',
  getTicket: 'data', putTicket: 'data', getRefreshToken: 'data', putRefreshToken: 'data', deleteRefreshToken: 'data',
  getLatestEvent: 'data', putLatestEvent: 'data',
  createRecord: 'data', getRecord: 'data', replaceRecord: 'data', deleteRecord: 'data',
};
const METHODS = Object.keys(HOLDS) as Method[];

/**
 * `store` with a CLIENT span around each round trip: `store getToken` and so on, with the store's
 * kind and whether it touched cache, a lock or data. Only the method's name is recorded: the
 * arguments hold keys and the values tokens and refresh tokens, and none of them is exported.
 * The composition root wraps the store only while tracing is on.
 */
export function tracedStore(store: Store): Store {
  // The store itself underneath (kind, close), with each round trip overridden on top.
  const traced = Object.create(store) as Store;
  const methods = traced as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  for (const method of METHODS) {
    const original = (store[method] as (...args: unknown[]) => Promise<unknown>).bind(store);
    const attributes: Attributes = { 'db.system.name': store.kind === 'redis' ? 'redis' : 'embedded', 'db.operation.name': method, 'gateway.store.holds': HOLDS[method] };
    methods[method] = (...args: unknown[]) =>
      tracer.startActiveSpan(`store ${method}`, { kind: SpanKind.CLIENT, attributes }, (span) =>
        original(...args).then(
          (value) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            // StoreUnavailableError's message names the store and what failed, never a value.
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
            span.end();
            throw error;
          },
        ),
      );
  }
  return traced;
}
