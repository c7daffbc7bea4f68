import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';

const tracer = trace.getTracer('wechat-open-account-gateway/http');

/** Probes and scrapes: frequent, and nothing to follow in a trace. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Runs `handle` in a SERVER span for the request, continuing the caller's trace (`traceparent`,
 * W3C trace context) when it sent one; for GraphQL (`operation`), also in the operation's span,
 * which the GraphQL layer names once it knows the operation (src/graphql/operation-span.ts). The
 * attributes are built here from the method, the route and the status: never the query string
 * or a header, so nothing a caller sent (an API key, a push's signature) is exported.
 *
 * `route` is the matched route, or undefined for a path the service does not serve (a 404),
 * whose text the caller chose and which is therefore not recorded either.
 */
export function inRequestSpan(req: IncomingMessage, res: ServerResponse, route: string | undefined, operation: boolean, handle: () => void): void {
  if (route !== undefined && UNTRACED.has(route)) return handle();
  const method = req.method ?? 'GET';
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(route === undefined ? method : `${method} ${route}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': method, ...(route === undefined ? {} : { 'http.route': route }), 'network.protocol.version': req.httpVersion },
  }, parent);
  let active: Context = trace.setSpan(parent, span);
  if (operation) active = trace.setSpan(active, tracer.startSpan('GraphQL operation', { kind: SpanKind.INTERNAL }, active));
  const operationSpan = operation ? trace.getSpan(active) : undefined;
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: res.writableFinished ? `HTTP ${res.statusCode}` : 'connection closed before the response was sent' });
    operationSpan?.end();
    span.end();
  });
  // The body arrives in the socket's callbacks: bind them, so body-parser's `next` runs in the span.
  context.bind(active, req);
  context.bind(active, res);
  context.with(active, handle);
}
