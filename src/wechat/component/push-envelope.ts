/**
 * What a push must show before any XML parser sees it: a fresh, well-formed query, and the
 * `Encrypt` text found by a bounded, cheap extraction (two `indexOf`s over a body already capped
 * at 64 KB). The signature is checked over that text; only then is anything parsed, and only
 * the decrypted payload, whose bytes the signature covers. The outer envelope's other elements
 * (`AppId`, `ToUserName`) are never read: the decrypted payload names the platform itself.
 */

/** The signed query of a push, checked for shape. */
export interface PushQuery {
  readonly signature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

const SIGNATURE = /^[0-9a-fA-F]{40}$/;
/** Seconds since the epoch. Digits cannot move between timestamp and nonce unnoticed: the window catches it. */
const TIMESTAMP = /^[0-9]{1,11}$/;
const NONCE = /^[A-Za-z0-9]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The query's signature, timestamp and nonce, or why they cannot be a push's. */
export function readPushQuery(query: URLSearchParams): PushQuery | string {
  const signature = query.get('msg_signature') ?? '';
  const timestamp = query.get('timestamp') ?? '';
  const nonce = query.get('nonce') ?? '';
  if (!SIGNATURE.test(signature)) return 'msg_signature is missing or not a SHA-1';
  if (!TIMESTAMP.test(timestamp)) return 'timestamp is missing or not seconds since the epoch';
  if (!NONCE.test(nonce)) return 'nonce is missing or not 1 to 64 letters and digits';
  return { signature: signature.toLowerCase(), timestamp, nonce };
}

/** Whether `timestamp` (epoch seconds) is within `windowSeconds` of `nowMs`, either side (clock skew). */
export function isFresh(timestamp: string, windowSeconds: number, nowMs: number): boolean {
  return Math.abs(Number(timestamp) - nowMs / 1000) <= windowSeconds;
}

/**
 * The text of the body's one `<Encrypt>` element (CDATA or plain), or undefined when there is
 * not exactly one, it is not base64, or the body declares a DOCTYPE or an entity.
 */
export function extractEncrypt(body: string): string | undefined {
  if (/<!doctype|<!entity/i.test(body)) return undefined;
  const open = body.indexOf('<Encrypt>');
  if (open < 0 || body.indexOf('<Encrypt>', open + 1) >= 0) return undefined;
  const start = open + '<Encrypt>'.length;
  const end = body.indexOf('</Encrypt>', start);
  if (end < 0) return undefined;
  let text = body.slice(start, end).trim();
  if (text.startsWith('<![CDATA[') && text.endsWith(']]>')) text = text.slice('<![CDATA['.length, -']]>'.length);
  return BASE64.test(text) ? text : undefined;
}
