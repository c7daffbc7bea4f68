/**
 * The WeChat layer's spans. Every attribute is built here from what the gateway knows (the path,
 * the domain, the attempt, the errcode or failure reason): never the URL, whose query holds the
 * access token, nor a request or answer body, which hold codes, tickets and tokens.
 */
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { WeChatFailure, WeChatResult } from '../vocabulary/result';

export const tracer = trace.getTracer('wechat-open-account-gateway/wechat');

/**
 * Runs `call` (one WeChat call, retries included) in an INTERNAL span `WeChat <path>`; the
 * upstream requests it makes are CLIENT spans under it (`inRequestSpan`). `call` reports each
 * attempt, so the span says how many there were and whether the call was retried.
 */
export function inCallSpan<T>(path: string, stage: 'call' | 'token', call: (attempted: () => void) => Promise<WeChatResult<T>>): Promise<WeChatResult<T>> {
  return tracer.startActiveSpan(`WeChat ${path}`, { kind: SpanKind.INTERNAL, attributes: { 'wechat.path': path, 'wechat.stage': stage } }, async (span) => {
    let attempts = 0;
    return endedWith(span, () => call(() => (attempts += 1)), () => {
      span.setAttribute('wechat.attempts', attempts);
      span.setAttribute('wechat.retried', attempts > 1);
    });
  });
}

/** One HTTP request to one WeChat domain, as a CLIENT span `POST /cgi-bin/open/get`. */
export function inRequestSpan<T>(
  request: { readonly method: string; readonly path: string },
  upstream: { readonly origin: string; readonly pathPrefix: string },
  attempt: number,
  send: () => Promise<WeChatResult<T>>,
): Promise<WeChatResult<T>> {
  const attributes = {
    'http.request.method': request.method,
    'url.path': `${upstream.pathPrefix}${request.path}`,
    ...serverOf(upstream.origin),
    'wechat.domain': upstream.origin,
    'wechat.path': request.path,
    'wechat.attempt': attempt,
  };
  return tracer.startActiveSpan(`${request.method} ${request.path}`, { kind: SpanKind.CLIENT, attributes }, (span) =>
    endedWith(span, send, (result) => {
      if (result.ok) span.setAttribute('http.response.status_code', 200);
    }),
  );
}

const servers = new Map<string, { 'url.scheme': string; 'server.address': string; 'server.port': number }>();

/** `https://api.weixin.qq.com` as OpenTelemetry's server attributes, parsed once per domain. */
function serverOf(origin: string): { 'url.scheme': string; 'server.address': string; 'server.port': number } {
  let server = servers.get(origin);
  if (server === undefined) {
    const { hostname, port, protocol } = new URL(origin);
    server = { 'url.scheme': protocol.replace(':', ''), 'server.address': hostname, 'server.port': Number(port || (protocol === 'https:' ? 443 : 80)) };
    servers.set(origin, server);
  }
  return server;
}

/**
 * Runs `work` and ends `span` with its result (after `annotate` adds what only the caller knows);
 * a throw is a bug in the gateway, marked as one, and goes on up.
 */
async function endedWith<T>(span: Span, work: () => Promise<WeChatResult<T>>, annotate: (result: WeChatResult<T>) => void): Promise<WeChatResult<T>> {
  let result: WeChatResult<T>;
  try {
    result = await work();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'bug' });
    span.end();
    throw error;
  }
  annotate(result);
  endWith(span, result);
  return result;
}

/** The result's outcome on `span`: errcode 0, or the errcode / the reason no answer came. */
function endWith(span: Span, result: WeChatResult<unknown>): void {
  if (result.ok) {
    span.setAttribute('wechat.errcode', 0);
  } else {
    span.setAttributes(failureAttributes(result.failure));
    span.setStatus({ code: SpanStatusCode.ERROR, message: describe(result.failure) });
  }
  span.end();
}

function failureAttributes(f: WeChatFailure): Record<string, string | number> {
  switch (f.kind) {
    case 'errcode':
      return { 'wechat.failure': 'errcode', 'wechat.errcode': f.errcode, ...(f.rid === undefined ? {} : { 'wechat.rid': f.rid }), 'http.response.status_code': 200 };
    case 'unavailable':
      return { 'wechat.failure': 'unavailable', 'wechat.failure.reason': f.reason, 'wechat.failure.sent': f.sent, ...(f.httpStatus === undefined ? {} : { 'http.response.status_code': f.httpStatus }) };
    default:
      return { 'wechat.failure': f.kind };
  }
}

/** A short status message; errmsg and failure details are WeChat's or a library's words, so not these. */
function describe(f: WeChatFailure): string {
  if (f.kind === 'errcode') return `errcode ${f.errcode}`;
  if (f.kind === 'unavailable') return `no usable answer: ${f.reason}`;
  return f.kind;
}
