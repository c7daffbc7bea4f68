import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's message encryption scheme ("消息加解密", the one its open-platform pushes use), as
 * documented for third-party platforms:
 *
 * - `msg_signature` = hex SHA-1 of the lexicographically sorted concatenation of
 *   (token, timestamp, nonce, Encrypt);
 * - the payload is AES-256-CBC with key = base64(EncodingAESKey + "=") (32 bytes) and
 *   IV = the first 16 bytes of the key, padded with PKCS#7 to a multiple of 32 bytes (not 16);
 * - the plaintext is 16 random bytes, the XML's byte length as 4 bytes big-endian, the XML, then
 *   the appid the message is for (the component appid).
 *
 * Checked against WeChat's published sample in test/wechat/component-crypto.test.ts.
 */

/** WeChat pads to 32-byte blocks, not AES's 16. */
const PAD_BLOCK = 32;

/** The 32-byte AES key from the 43-character EncodingAESKey. */
export function aesKeyFrom(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new RangeError('EncodingAESKey must be 43 base64 characters (32 bytes)');
  return key;
}

/** `msg_signature`: SHA-1 over the sorted (token, timestamp, nonce, encrypted text). */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Compares a received signature with the expected one in constant time. */
export function signatureMatches(received: string, token: string, timestamp: string, nonce: string, encrypted: string): boolean {
  const expected = Buffer.from(messageSignature(token, timestamp, nonce, encrypted), 'utf8');
  const actual = Buffer.from(received.toLowerCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type Decrypted = { readonly ok: true; readonly xml: string; readonly appid: string } | { readonly ok: false; readonly reason: string };

/**
 * Decrypts an `Encrypt` payload. Refuses (never throws) anything that is not exactly what the
 * scheme produces: bad base64 or block size, bad padding, a length that overruns, or a message
 * for another appid than `expectedAppid`. `reason` never contains key material or plaintext.
 */
export function decryptMessage(encodingAesKey: string, encrypted: string, expectedAppid: string): Decrypted {
  const key = aesKeyFrom(encodingAesKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return { ok: false, reason: 'ciphertext is not whole AES blocks' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return { ok: false, reason: 'ciphertext does not decrypt' };
  }
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
    return { ok: false, reason: 'bad padding' };
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) return { ok: false, reason: 'plaintext too short' };
  const xmlLength = content.readUInt32BE(16);
  if (20 + xmlLength > content.length) return { ok: false, reason: 'length field overruns the plaintext' };
  const xml = content.subarray(20, 20 + xmlLength).toString('utf8');
  const appid = content.subarray(20 + xmlLength).toString('utf8');
  if (appid !== expectedAppid) return { ok: false, reason: 'message is for another appid' };
  return { ok: true, xml, appid };
}

/** Encrypts `xml` for `appid` (used to build test vectors and by nothing else in the gateway). */
export function encryptMessage(encodingAesKey: string, xml: string, appid: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyFrom(encodingAesKey);
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const content = Buffer.concat([random, length, body, Buffer.from(appid, 'utf8')]);
  const pad = PAD_BLOCK - (content.length % PAD_BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}
