import { readFileSync } from 'node:fs';
import { aesKeyFrom, decryptMessage, encryptMessage, messageSignature, signatureMatches } from '../../src/wechat/component/crypto';
import { encryptForPush, signPush } from '../../src/simulator';

/** WeChat's published sample (/work/shared/wechat-api/README.md). */
const SAMPLE = {
  token: 'spamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appid: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  signature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypted: readFileSync('/work/shared/wechat-api/sample-encrypted.txt', 'utf8').trim(),
};

/** Flips one base64 character in the middle of the text (a different, still valid base64 text). */
function tamper(encrypted: string): string {
  const i = Math.floor(encrypted.length / 2);
  return `${encrypted.slice(0, i)}${encrypted[i] === 'A' ? 'B' : 'A'}${encrypted.slice(i + 1)}`;
}

describe("WeChat's message encryption: the published sample", () => {
  it('signs to the documented msg_signature', () => {
    expect(messageSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypted)).toBe(SAMPLE.signature);
    expect(signatureMatches(SAMPLE.signature, SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypted)).toBe(true);
  });

  it('decrypts to the documented text message, followed by the appid', () => {
    const result = decryptMessage(SAMPLE.aesKey, SAMPLE.encrypted, SAMPLE.appid);
    if (!result.ok) throw new Error(result.reason);
    expect(result.xml).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(result.xml).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(result.xml.startsWith('<xml>') && result.xml.endsWith('</xml>')).toBe(true);
    expect(result.appid).toBe(SAMPLE.appid);
  });

  it('a tampered message fails the signature check', () => {
    const tampered = tamper(SAMPLE.encrypted);
    expect(signatureMatches(SAMPLE.signature, SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, tampered)).toBe(false);
    expect(signatureMatches(SAMPLE.signature, SAMPLE.token, SAMPLE.timestamp, '1320562133', SAMPLE.encrypted)).toBe(false);
    expect(signatureMatches(SAMPLE.signature, 'othertoken', SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypted)).toBe(false);
    expect(signatureMatches('', SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypted)).toBe(false);
  });

  it('a tampered ciphertext (even re-signed) does not decrypt to a message for the appid', () => {
    // Corrupting the last block breaks the padding or the appid; the first block, the length field.
    const bytes = Buffer.from(SAMPLE.encrypted, 'base64');
    for (const at of [0, 20, bytes.length - 1, bytes.length - 20]) {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x55;
      const result = decryptMessage(SAMPLE.aesKey, copy.toString('base64'), SAMPLE.appid);
      expect(result.ok && result.xml.includes('abcdteT') && result.appid === SAMPLE.appid ? 'decrypted intact' : 'refused or garbled').toBe('refused or garbled');
    }
    expect(decryptMessage(SAMPLE.aesKey, SAMPLE.encrypted.slice(0, -4), SAMPLE.appid).ok).toBe(false);
    expect(decryptMessage(SAMPLE.aesKey, 'not base64 at all!', SAMPLE.appid).ok).toBe(false);
  });

  it('refuses the sample for another appid and under another key', () => {
    expect(decryptMessage(SAMPLE.aesKey, SAMPLE.encrypted, 'wx0000000000000000')).toEqual({ ok: false, reason: 'message is for another appid' });
    expect(decryptMessage('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg', SAMPLE.encrypted, SAMPLE.appid).ok).toBe(false);
  });

  it('the key is base64(EncodingAESKey + "="): 32 bytes, and a key of another length is refused', () => {
    expect(aesKeyFrom(SAMPLE.aesKey)).toHaveLength(32);
    expect(() => aesKeyFrom('tooshort')).toThrow(RangeError);
  });
});

describe("WeChat's message encryption: vectors built from the documented algorithm", () => {
  const KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE';
  const XML = '<xml><AppId><![CDATA[wxcomponent0000001]]></AppId><InfoType><![CDATA[component_verify_ticket]]></InfoType></xml>';

  it("the simulator's encryption (written separately) decrypts here, and this encryption round-trips", () => {
    expect(decryptMessage(KEY, encryptForPush(KEY, XML, 'wxcomponent0000001'), 'wxcomponent0000001')).toEqual({ ok: true, xml: XML, appid: 'wxcomponent0000001' });
    expect(decryptMessage(KEY, encryptMessage(KEY, XML, 'wxcomponent0000001'), 'wxcomponent0000001')).toEqual({ ok: true, xml: XML, appid: 'wxcomponent0000001' });
    expect(signPush('tok', '1', '2', 'abc')).toBe(messageSignature('tok', '1', '2', 'abc'));
  });

  it('pads to 32-byte blocks: a plaintext of exactly 32 bytes gets a whole block of padding', () => {
    // 16 random + 4 length + 4 xml + 8 appid = 32 bytes of content.
    const encrypted = encryptMessage(KEY, '<a/>', 'wx123456', Buffer.alloc(16));
    expect(Buffer.from(encrypted, 'base64')).toHaveLength(64);
    expect(decryptMessage(KEY, encrypted, 'wx123456')).toEqual({ ok: true, xml: '<a/>', appid: 'wx123456' });
  });

  it('multi-byte XML: the length field counts bytes, not characters', () => {
    const xml = '<xml><Content>微信 ✓</Content></xml>';
    expect(decryptMessage(KEY, encryptForPush(KEY, xml, 'wxabc'), 'wxabc')).toEqual({ ok: true, xml, appid: 'wxabc' });
  });
});
