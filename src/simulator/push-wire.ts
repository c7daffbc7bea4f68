/**
 * How a push to a platform's authorization event URL looks on the wire and is delivered:
 * the event XML, encrypted and signed as WeChat does (written here independently of the
 * gateway's decryption, so the two check each other):
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = its first 16 bytes, plaintext =
 * 16 random bytes + 4-byte big-endian XML length + XML + component appid, PKCS#7-padded to 32
 * bytes; msg_signature = SHA-1 of the sorted (token, timestamp, nonce, Encrypt).
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';

export interface PushKeys {
  readonly componentAppid: string;
  readonly token: string;
  readonly aesKey: string;
}

/** A push as it goes on the wire: the query string and the XML body. */
export interface SignedPush {
  readonly query: { timestamp: string; nonce: string; encrypt_type: 'aes'; msg_signature: string };
  readonly body: string;
  /** The Encrypt element's text, for tests that tamper with it. */
  readonly encrypted: string;
}

export interface PushResult {
  readonly status: number;
  readonly text: string;
}

export function encryptForPush(aesKey: string, xml: string, componentAppid: string): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const length = Buffer.alloc(4);
  const body = Buffer.from(xml, 'utf8');
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(componentAppid, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export function signPush(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Wraps an event's XML the way WeChat sends it. */
export function signedPush(keys: PushKeys, xml: string, timestamp = String(Math.floor(Date.now() / 1000))): SignedPush {
  const encrypted = encryptForPush(keys.aesKey, xml, keys.componentAppid);
  const nonce = String(randomBytes(4).readUInt32BE(0));
  return {
    query: { timestamp, nonce, encrypt_type: 'aes', msg_signature: signPush(keys.token, timestamp, nonce, encrypted) },
    body: envelope(keys.componentAppid, encrypted),
    encrypted,
  };
}

/** The outer XML WeChat posts: the component appid and the encrypted event. */
export function envelope(componentAppid: string, encrypted: string): string {
  return `<xml><AppId><![CDATA[${componentAppid}]]></AppId><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
}

export function ticketXml(componentAppid: string, ticket: string, createTime: number): string {
  return `<xml><AppId><![CDATA[${componentAppid}]]></AppId><CreateTime>${createTime}</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket></xml>`;
}

export function authorizedXml(componentAppid: string, appid: string, code: string, codeExpiresAt: number, createTime: number, infoType: 'authorized' | 'updateauthorized' = 'authorized'): string {
  return `<xml><AppId><![CDATA[${componentAppid}]]></AppId><CreateTime>${createTime}</CreateTime><InfoType><![CDATA[${infoType}]]></InfoType><AuthorizerAppid><![CDATA[${appid}]]></AuthorizerAppid><AuthorizationCode><![CDATA[${code}]]></AuthorizationCode><AuthorizationCodeExpiredTime>${Math.floor(codeExpiresAt / 1000)}</AuthorizationCodeExpiredTime><PreAuthCode><![CDATA[preauthcode@@@${code.slice(-8)}]]></PreAuthCode></xml>`;
}

export function unauthorizedXml(componentAppid: string, appid: string, createTime: number): string {
  return `<xml><AppId><![CDATA[${componentAppid}]]></AppId><CreateTime>${createTime}</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[${appid}]]></AuthorizerAppid></xml>`;
}

/** POSTs a signed push to the callback URL and returns WeChat's view of the answer. */
export async function deliver(callbackUrl: string, push: Pick<SignedPush, 'query' | 'body'>): Promise<PushResult> {
  const url = new URL(callbackUrl);
  for (const [name, value] of Object.entries(push.query)) url.searchParams.set(name, value);
  const response = await request(url, { method: 'POST', body: push.body, headers: { 'content-type': 'text/xml' } });
  return { status: response.statusCode, text: await response.body.text() };
}
