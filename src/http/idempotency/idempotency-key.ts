/**
 * The `Idempotency-Key` request header (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field", section 2: an Item Structured Header whose value is a String, RFC 8941 section 3.3.3).
 * The draft's form is a quoted string, `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`;
 * the unquoted form most APIs (Stripe's among them) accept is taken too. Either way the key is 1 to
 * 255 printable ASCII characters (space to tilde).
 */

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_KEY_LENGTH = 255;

export type ParsedKey = { readonly key: string } | { readonly problem: string };

const PRINTABLE = /^[\x20-\x7e]+$/;

/** The key a header value carries, or what is wrong with it (in words for the client; the value is not echoed). */
export function parseIdempotencyKey(value: string): ParsedKey {
  let key = value.trim();
  if (key.startsWith('"')) {
    const unquoted = unquoteString(key);
    if (unquoted === undefined) return { problem: 'a quoted Idempotency-Key must be one structured-header string: "…", with \\" and \\\\ as its only escapes' };
    key = unquoted;
  }
  if (key.length === 0) return { problem: 'the Idempotency-Key header is empty; send 1 to 255 printable ASCII characters, e.g. a UUID' };
  if (key.length > MAX_KEY_LENGTH) return { problem: `the Idempotency-Key is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are accepted` };
  if (!PRINTABLE.test(key)) return { problem: 'the Idempotency-Key may hold only printable ASCII characters (space to ~), e.g. a UUID' };
  return { key };
}

/** RFC 8941 sf-string: the text between the quotes, or undefined when it is not exactly one. */
function unquoteString(text: string): string | undefined {
  let out = '';
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
      i += 1;
    } else if (c === '"') {
      return i === text.length - 1 ? out : undefined;
    } else {
      out += c;
    }
  }
  return undefined;
}
