import { describeErrcode, requestIdOf } from '../../src/wechat/vocabulary/errcodes';

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
});
