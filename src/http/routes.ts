import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import type { ComponentCallback } from '../wechat';
import { limitPerAddress } from './address-limit';
import { sendJson } from './request-handler';
import { textRoute } from './text-route';

/** Where WeChat pushes the platform's verify ticket and authorisation events. */
export const COMPONENT_CALLBACK_PATH = '/wechat/component/callback';
/** WeChat's pushes are a few hundred bytes; anything near this is not WeChat. */
const COMPONENT_CALLBACK_MAX_BYTES = 64 * 1024;

export interface ServiceRoutesOptions {
  /** Served at /metrics on this port; undefined when /metrics has its own port (METRICS_PORT). */
  readonly metrics: Metrics | undefined;
  /** True once a stop has begun. */
  readonly stopping: () => boolean;
  /** False while the credential store is unreachable (every call would answer CredentialStoreUnavailableError). */
  readonly storeAvailable?: () => boolean;
  /** The platform's push receiver, in third-party platform mode. */
  readonly componentCallback: ComponentCallback | undefined;
  /** For the debug line of a push whose body the sender aborted. */
  readonly logger?: Logger;
  /** The callback's own limit per sending address (seconds to wait when over), checked before its body is read. */
  readonly limitCallback?: { readonly charge: (address: string) => Promise<number | undefined>; readonly trustedProxies: number };
}

/** The paths served beside GraphQL (and beside /healthz, which the request handler answers itself). */
export function serviceRoutes(options: ServiceRoutesOptions): ReadonlyMap<string, RequestListener> {
  const { metrics, componentCallback } = options;
  const routes = new Map<string, RequestListener>([
    // Ready while not stopping and while the credential store answers: a load balancer stops
    // sending before connections close, and moves traffic to replicas that can serve.
    ['/readyz', (_, res) => {
      if (options.stopping()) return sendJson(res, 503, { status: 'stopping' });
      if (options.storeAvailable?.() === false) return sendJson(res, 503, { status: 'credential store unavailable' });
      sendJson(res, 200, { status: 'ready' });
    }],
  ]);
  if (metrics !== undefined) {
    routes.set('/metrics', async (_, res) => {
      res.setHeader('content-type', metrics.registry.contentType);
      res.end(await metrics.registry.metrics());
    });
  }
  // Third-party platform mode: WeChat's pushes (verify ticket, authorisations), XML, small.
  if (componentCallback !== undefined) {
    const route = textRoute(COMPONENT_CALLBACK_MAX_BYTES, (query, body) => componentCallback.handle(query, body), options.logger);
    const limit = options.limitCallback;
    // WeChat pushes a few times a minute; a sender far above that is not WeChat.
    routes.set(COMPONENT_CALLBACK_PATH, limit === undefined ? route : limitPerAddress(limit.charge, limit.trustedProxies, route));
  }
  return routes;
}
