/**
 * The wire: one HTTP request to one WeChat domain, and what its answer means. It sends, decodes
 * WeChat's "HTTP 200 with an errcode" convention into a result value, and classifies network
 * errors into "never reached WeChat" and "may have reached WeChat". No policy lives here: retry,
 * slots, failover and the circuit breaker are the policy stack's (wechat-transport.ts).
 */
import { requestIdOf } from '../vocabulary/errcodes';
import type { CallDeadline } from './deadline';
import type { Exchanged, WireThread } from './wire-thread';
import { badAnswer, failure, success, type UnavailableFailure, type WeChatResult } from '../vocabulary/result';

export interface WeChatRequest {
  readonly method: 'GET' | 'POST';
  /** e.g. `/cgi-bin/open/unbind` */
  readonly path: string;
  /** Query parameters, e.g. `{ access_token }`; encoded here, never logged. */
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly stage?: 'call' | 'token';
  /** The operation's deadline: when it passes, the call ends with a timeout. */
  readonly deadline?: CallDeadline;
}

/** The decoded JSON object of a successful answer (errcode absent or 0). */
export type WeChatBody = Readonly<Record<string, unknown>>;

/** WeChat answers are small; anything larger is not WeChat and is refused unread. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Sends `request` once to `origin` (whose base path is `pathPrefix`) and decodes the answer. */
export async function sendOverWire(wire: WireThread, origin: string, pathPrefix: string, request: WeChatRequest, stage: 'call' | 'token'): Promise<WeChatResult<WeChatBody>> {
  if (request.deadline?.expired) return failure(deadlineFailure(stage, 'no'));
  const search = request.query ? queryString(request.query) : '';
  let answer: Exchanged;
  try {
    answer = await wire.exchange(
      {
        origin,
        method: request.method,
        path: `${pathPrefix}${request.path}${search}`,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? null : JSON.stringify(request.body),
      },
      request.deadline,
      MAX_RESPONSE_BYTES,
    );
  } catch (error) {
    if (request.deadline?.expired) return failure(deadlineFailure(stage, 'maybe'));
    return failure(classifyNetworkError(error, stage));
  }
  if ('tooLarge' in answer) return badAnswer(`answer of ${answer.tooLarge} bytes is too large to be WeChat's`, stage, answer.status);
  const { status, text } = answer;
  return decode(status, text, stage, request.path);
}

/** `?name=value&…`, each part percent-encoded (URLSearchParams costs an object and its list per call). */
function queryString(query: Readonly<Record<string, string>>): string {
  let search = '';
  for (const name in query) search += `${search === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(query[name]!)}`;
  return search;
}

/** The operation's deadline passed: before the request left (`'no'`) or while it was out (`'maybe'`). */
export function deadlineFailure(stage: 'call' | 'token', sent: 'no' | 'maybe'): UnavailableFailure {
  return { kind: 'unavailable', reason: 'timeout', sent, detail: 'the operation deadline passed', stage };
}

/** Only a connect failure proves the request never reached WeChat. */
export function unavailableFailure(reason: UnavailableFailure['reason'], detail: string, stage: 'call' | 'token', httpStatus?: number): UnavailableFailure {
  const sent = reason === 'connect' ? 'no' : 'maybe';
  return { kind: 'unavailable', reason, sent, detail, stage, ...(httpStatus === undefined ? {} : { httpStatus }) };
}

/** WeChat answers HTTP 200 for errors too: errcode alone tells success from failure. */
function decode(status: number, text: string, stage: 'call' | 'token', path: string): WeChatResult<WeChatBody> {
  if (status !== 200) return failure(unavailableFailure('http-status', `HTTP ${status}`, stage, status));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badAnswer('answer is not JSON', stage, status);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badAnswer('answer is not a JSON object', stage, status);
  }
  const record = body as Record<string, unknown>;
  const errcode = record['errcode'];
  if (errcode === undefined || errcode === 0) return success(record);
  if (typeof errcode !== 'number' || !Number.isInteger(errcode)) {
    return badAnswer('errcode is not an integer', stage, status);
  }
  const errmsg = typeof record['errmsg'] === 'string' ? record['errmsg'] : '';
  return failure({ kind: 'errcode', errcode, errmsg, rid: requestIdOf(errmsg), stage, path });
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Tells "never reached WeChat" from "may have reached WeChat": only the first is safe to repeat. */
function classifyNetworkError(error: unknown, stage: 'call' | 'token'): UnavailableFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
  let reason: UnavailableFailure['reason'] = 'connection-lost';
  if (NOT_SENT_CODES.has(name)) reason = 'connect';
  else if (TIMEOUT_CODES.has(name)) reason = 'timeout';
  return unavailableFailure(reason, name, stage);
}
