import { Pool, errors as undiciErrors } from 'undici';
import type { Logger } from 'pino';
import { requestIdOf } from './errcodes';
import { failure, success, type UnavailableFailure, type WeChatResult } from './result';

export interface TransportOptions {
  /** Base URLs in order of preference (e.g. https://api.weixin.qq.com); a path prefix is kept. */
  readonly baseUrls: readonly string[];
  readonly connectTimeoutMs: number;
  /** Time allowed for WeChat's answer once the request is sent (headers, then body). */
  readonly responseTimeoutMs: number;
  /** Keep-alive connections per domain. */
  readonly connections: number;
  readonly logger: Logger;
}

export interface WeChatRequest {
  readonly method: 'GET' | 'POST';
  /** e.g. `/cgi-bin/open/unbind` */
  readonly path: string;
  /** Query parameters, e.g. `{ access_token }`; encoded here, never logged. */
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly stage?: 'call' | 'token';
}

/** The decoded JSON object of a successful answer (errcode absent or 0). */
export type WeChatBody = Readonly<Record<string, unknown>>;

/** WeChat answers are small; anything larger is not WeChat and is refused unread. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

interface Upstream {
  readonly origin: string;
  readonly pathPrefix: string;
  readonly pool: Pool;
}

/**
 * The only code that speaks HTTP to WeChat: a keep-alive undici pool per domain, timeouts, and
 * decoding of WeChat's "HTTP 200 with an errcode" convention into a result value.
 */
export class WeChatTransport {
  private readonly upstreams: readonly Upstream[];

  constructor(private readonly options: TransportOptions) {
    if (options.baseUrls.length === 0) throw new Error('WeChatTransport needs at least one base URL');
    this.upstreams = options.baseUrls.map((base) => {
      const url = new URL(base);
      return {
        origin: url.origin,
        pathPrefix: url.pathname.replace(/\/+$/, ''),
        pool: new Pool(url.origin, {
          connections: options.connections,
          connect: { timeout: options.connectTimeoutMs },
          headersTimeout: options.responseTimeoutMs,
          bodyTimeout: options.responseTimeoutMs,
          keepAliveTimeout: 30_000,
        }),
      };
    });
  }

  async send(request: WeChatRequest): Promise<WeChatResult<WeChatBody>> {
    // Failover across domains comes with the reliability work; today the first domain is used.
    const upstream = this.upstreams[0]!;
    const stage = request.stage ?? 'call';
    const started = performance.now();
    const result = await this.sendTo(upstream, request, stage);
    this.log(upstream, request, result, performance.now() - started);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.upstreams.map((u) => u.pool.close()));
  }

  private async sendTo(upstream: Upstream, request: WeChatRequest, stage: 'call' | 'token'): Promise<WeChatResult<WeChatBody>> {
    const search = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    let status: number;
    let text: string;
    try {
      const response = await upstream.pool.request({
        method: request.method,
        path: `${upstream.pathPrefix}${request.path}${search}`,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      status = response.statusCode;
      const length = Number(response.headers['content-length'] ?? 0);
      if (length > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        return unavailable('bad-response', `answer of ${length} bytes is too large to be WeChat's`, stage, status);
      }
      text = await response.body.text();
    } catch (error) {
      return failure(classifyNetworkError(error, stage));
    }
    return decode(status, text, stage);
  }

  private log(upstream: Upstream, request: WeChatRequest, result: WeChatResult<WeChatBody>, ms: number): void {
    // Path only: the query string holds the access token.
    const fields: Record<string, unknown> = { origin: upstream.origin, path: request.path, ms: Math.round(ms * 10) / 10 };
    if (result.ok) {
      this.options.logger.info({ ...fields, errcode: 0 }, 'wechat call');
    } else if (result.failure.kind === 'errcode') {
      this.options.logger.info({ ...fields, errcode: result.failure.errcode, rid: result.failure.rid }, 'wechat call');
    } else if (result.failure.kind === 'unavailable') {
      const { reason, sent, detail, httpStatus } = result.failure;
      this.options.logger.warn({ ...fields, reason, sent, detail, httpStatus }, 'wechat call failed');
    }
  }
}

function unavailableFailure(
  reason: UnavailableFailure['reason'],
  detail: string,
  stage: 'call' | 'token',
  httpStatus?: number,
): UnavailableFailure {
  const sent = reason === 'connect' ? 'no' : 'maybe';
  return { kind: 'unavailable', reason, sent, detail, stage, ...(httpStatus === undefined ? {} : { httpStatus }) };
}

function unavailable(...args: Parameters<typeof unavailableFailure>): WeChatResult<never> {
  return failure(unavailableFailure(...args));
}

/** WeChat answers HTTP 200 for errors too: errcode alone tells success from failure. */
function decode(status: number, text: string, stage: 'call' | 'token'): WeChatResult<WeChatBody> {
  if (status !== 200) return unavailable('http-status', `HTTP ${status}`, stage, status);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unavailable('bad-response', 'answer is not JSON', stage, status);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return unavailable('bad-response', 'answer is not a JSON object', stage, status);
  }
  const record = body as Record<string, unknown>;
  const errcode = record['errcode'];
  if (errcode === undefined || errcode === 0) return success(record);
  if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
    return unavailable('bad-response', 'errcode is not an integer', stage, status);
  }
  const errmsg = typeof record['errmsg'] === 'string' ? record['errmsg'] : '';
  return failure({ kind: 'errcode', errcode, errmsg, rid: requestIdOf(errmsg), stage });
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Tells "never reached WeChat" from "may have reached WeChat": only the first is safe to repeat. */
function classifyNetworkError(error: unknown, stage: 'call' | 'token'): UnavailableFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
  let reason: UnavailableFailure['reason'] = 'connection-lost';
  if (error instanceof undiciErrors.ConnectTimeoutError || NOT_SENT_CODES.has(name)) reason = 'connect';
  else if (TIMEOUT_CODES.has(name)) reason = 'timeout';
  return unavailableFailure(reason, name, stage);
}
