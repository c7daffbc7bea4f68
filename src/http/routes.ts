import type { RequestListener } from 'node:http';
import type { Metrics } from '../observability/metrics';
import type { ComponentCallback } from '../wechat';
import { sendJson } from './request-handler';
import { textRoute } from './text-route';

/** Where WeChat pushes the platform's verify ticket and authorisation events. */
export const COMPONENT_CALLBACK_PATH = '/wechat/component/callback';
/** WeChat's pushes are a few hundred bytes; anything near this is not WeChat. */
const COMPONENT_CALLBACK_MAX_BYTES = 64 * 1024;

export interface ServiceRoutesOptions {
  readonly metrics: Metrics;
  /** True once a stop has begun. */
  readonly stopping: () => boolean;
  /** The platform's push receiver, in third-party platform mode. */
  readonly componentCallback: ComponentCallback | undefined;
}

/** The paths served beside GraphQL (and beside /healthz, which the request handler answers itself). */
export function serviceRoutes(options: ServiceRoutesOptions): ReadonlyMap<string, RequestListener> {
  const { metrics, componentCallback } = options;
  const routes = new Map<string, RequestListener>([
    ['/metrics', async (_, res) => {
      res.setHeader('content-type', metrics.registry.contentType);
      res.end(await metrics.registry.metrics());
    }],
    // Ready while not stopping: a load balancer stops sending before connections close.
    ['/readyz', (_, res) => {
      const stopping = options.stopping();
      sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ready' });
    }],
  ]);
  // Third-party platform mode: WeChat's pushes (verify ticket, authorisations), XML, small.
  if (componentCallback !== undefined) {
    routes.set(COMPONENT_CALLBACK_PATH, textRoute(COMPONENT_CALLBACK_MAX_BYTES, (query, body) => componentCallback.handle(query, body)));
  }
  return routes;
}
