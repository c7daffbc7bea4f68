import { describeErrcode, requestIdOf, retryAfterSeconds } from '../../src/wechat/vocabulary/errcodes';
import { RETRY_POLICY } from '../../src/wechat/transport/retry-policy';

describe('errcodes: the catalogue says what each errcode means and whether to retry it', () => {
  it('finds the request id WeChat appends to errmsg', () => {
    expect(requestIdOf('invalid appid rid: 6745a3f1-2b0c1d3e-4f5a6b7c')).toBe('6745a3f1-2b0c1d3e-4f5a6b7c');
    expect(requestIdOf('invalid appid')).toBeUndefined();
    expect(requestIdOf('')).toBeUndefined();
  });

  it('marks busy and rate-limit codes retryable, and state errors not', () => {
    expect(describeErrcode(-1).retryable).toBe(true);
    expect(describeErrcode(45011).retryable).toBe(true);
    expect(describeErrcode(89003).retryable).toBe(false);
    expect(describeErrcode(48001).retryable).toBe(false);
  });

  it('explains an unknown errcode without claiming it is retryable', () => {
    const info = describeErrcode(99999);
    expect(info.retryable).toBe(false);
    expect(info.explanation).toContain('99999');
  });

  it('45011 is retryable after the next minute starts, and not retried within the call', () => {
    expect(RETRY_POLICY.errcodes.has(45011)).toBe(false);
    expect(RETRY_POLICY.errcodes.has(-1)).toBe(true);
    const at = (seconds: number) => Date.UTC(2026, 11, 1, 20, 0, 0) + seconds * 1000;
    expect(retryAfterSeconds(45011, at(0))).toBe(60);
    expect(retryAfterSeconds(45011, at(15.5))).toBe(45);
    expect(retryAfterSeconds(45011, at(59.9))).toBe(1);
    expect(retryAfterSeconds(-1, at(10))).toBeUndefined();
    expect(retryAfterSeconds(45009, at(10))).toBeUndefined();
  });

  it("48001 on have names permission sets 3 and 30; elsewhere 24 and 25", () => {
    expect(describeErrcode(48001, '/cgi-bin/open/have').explanation).toMatch(/permission set 3 or 30/);
    expect(describeErrcode(48001, '/cgi-bin/open/have').explanation).not.toMatch(/24|25/);
    expect(describeErrcode(48001, '/cgi-bin/open/unbind').explanation).toMatch(/24.*25/);
    expect(describeErrcode(48001).explanation).toMatch(/24.*25/);
  });

  it.each([43001, 43002, 44002, 61003, 61010, 61011, 76001, 76002, 76003, 76021, 76022, 48006, 89501, 89502, 89503, 89504, 89505, 89506, 89507])(
    '%i is in the catalogue, not retryable, with a message that says what to do',
    (errcode) => {
      const info = describeErrcode(errcode);
      expect(info.explanation).not.toContain('which this gateway does not know');
      expect(info.explanation).toMatch(/\b(ask|check|wait|give|copy|report|add|confirm)\b/i);
      expect(info.retryable).toBe(false);
    },
  );
});
