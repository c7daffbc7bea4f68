import { MAX_KEY_LENGTH, parseIdempotencyKey } from '../../src/http/idempotency/idempotency-key';

describe('the Idempotency-Key header value', () => {
  it.each([
    ['a bare key', '8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ["the draft's structured-header string", '"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['escapes inside the string', '"a\\"b\\\\c"', 'a"b\\c'],
    ['spaces inside', 'user 42 click 7', 'user 42 click 7'],
    ['the longest accepted', 'k'.repeat(MAX_KEY_LENGTH), 'k'.repeat(MAX_KEY_LENGTH)],
  ])('accepts %s', (_name, value, key) => {
    expect(parseIdempotencyKey(value)).toEqual({ key });
  });

  it.each([
    ['empty', ''],
    ['an empty string', '""'],
    ['one character too long', 'k'.repeat(MAX_KEY_LENGTH + 1)],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'clé'],
    ['an unterminated string', '"abc'],
    ['text after the string', '"abc"def'],
    ['an escape other than \\" and \\\\', '"a\\nb"'],
  ])('refuses %s, saying why without echoing it', (_name, value) => {
    const parsed = parseIdempotencyKey(value);
    expect(parsed).toHaveProperty('problem');
    if (value.length > 3) expect((parsed as { problem: string }).problem).not.toContain(value);
  });
});
