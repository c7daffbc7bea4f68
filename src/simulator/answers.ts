/**
 * The vocabulary every simulated rule shares: WeChat's errmsg texts and request ids, the request
 * body as the HTTP face hands it over, and the Outcome a rule returns (the JSON to answer, and
 * what the counters should record).
 */
import { randomBytes } from 'node:crypto';

/** A request body as the server received it: parsed JSON, or something that was not JSON. */
export type RequestBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** What a rule decided: the JSON to answer, and what to count. */
export interface Outcome {
  readonly answer: Record<string, unknown>;
  /** A mutation's state change took effect. */
  readonly applied?: boolean;
  /** A token request issued or returned a token for this appid. */
  readonly tokenFor?: string;
  /** Which kind of token, when not the account's own (stable or plain). */
  readonly tokenKind?: 'component' | 'authorizer';
  /** After answering, push a fresh verify ticket to this component (api_start_push_ticket). */
  readonly pushTicketTo?: string;
}

export interface QueryParams {
  get(name: string): string | null;
}

/**
 * errmsg texts as WeChat sends them (before the ` rid: …` suffix), from WeChat's pages and the
 * SDKs' sources (../../shared/wechat-api "Corrections and additions").
 */
const ERRMSG: ReadonlyMap<number, string> = new Map([
  [-1, 'system error'],
  [40001, 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r'],
  [40002, 'invalid grant_type'],
  [40013, 'invalid appid'],
  [40014, 'invalid access_token'],
  [40125, 'invalid appsecret'],
  [41001, 'access_token missing'],
  [41002, 'appid missing'],
  [41004, 'appsecret missing'],
  [42001, 'access_token expired'],
  [43001, 'require GET method'],
  [43002, 'require POST method'],
  [44002, 'empty post data'],
  [45009, 'reach max api daily quota limit'],
  [45011, 'api minute-quota reach limit  mustslower  retry next minute'],
  [47001, 'data format error'],
  [48001, 'api unauthorized'],
  [48006, 'forbid to clear quota because of reaching the limit'],
  [40029, 'invalid code'],
  [61003, 'component is not authorized by this account'],
  [61005, 'component ticket is expired'],
  [61006, 'component ticket is invalid'],
  [61010, 'code is expired'],
  [61011, 'invalid component'],
  [61023, 'refresh_token is invalid'],
  [76001, 'rid not found'],
  [76002, 'rid is error'],
  [76003, 'could not query this rid,no permission'],
  [76021, 'cgi_path not found, please check'],
  [76022, 'could not use this cgi_path,no permission'],
  [89000, 'account has bound open'],
  [89001, 'not same contractor'],
  [89002, 'open not exists'],
  [89003, 'open is not created by api'],
  [89004, 'number of sub-accounts bound to this open-account exceeds the limit'],
  [89036, 'open is not created by api or not verified'],
  [89503, 'please wait for the admin to confirm'],
]);

/**
 * WeChat's request id, the thing its support asks for: three groups of 8 hex digits, the first
 * the request's Unix time in hex (the other two random here).
 */
export function newRid(nowMs: number = Date.now()): string {
  const time = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
  return [time, randomBytes(4).toString('hex'), randomBytes(4).toString('hex')].join('-');
}

/** A WeChat error answer; every errmsg other than "ok" carries a request id. */
export function wxError(errcode: number, errmsg?: string): { errcode: number; errmsg: string } {
  if (errcode === 0) return { errcode, errmsg: errmsg ?? 'ok' };
  const text = errmsg ?? ERRMSG.get(errcode) ?? 'unknown error';
  return { errcode, errmsg: `${text} rid: ${newRid()}` };
}

export function fail(errcode: number): Outcome {
  return { answer: wxError(errcode) };
}

export function ok(extra: Record<string, unknown> = {}, applied = false): Outcome {
  return { answer: { errcode: 0, errmsg: 'ok', ...extra }, applied };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** expires_in never reads 0 for a token that still works. */
export function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
