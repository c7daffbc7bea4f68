import { Deadline } from '../../src/wechat/transport/deadline';

describe('Deadline: one per GraphQL operation, with a timer only while it is needed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('makes no timer until a call listens or asks for its signal', () => {
    new Deadline(1_000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('aborts its signal when the time is up, counted from when the operation started', () => {
    const deadline = new Deadline(1_000);
    jest.advanceTimersByTime(600);
    const { signal } = deadline;
    expect(signal.aborted).toBe(false);
    jest.advanceTimersByTime(399);
    expect(signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
  });

  it('gives one signal to every call of the operation', () => {
    const deadline = new Deadline(1_000);
    expect(deadline.signal).toBe(deadline.signal);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('is already aborted for a call made after the deadline passed', () => {
    const deadline = new Deadline(100);
    jest.advanceTimersByTime(150);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('leaves no timer behind once the operation has ended', () => {
    const deadline = new Deadline(1_000);
    const { signal } = deadline;
    deadline.end();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(2_000);
    expect(signal.aborted).toBe(false);
  });

  it('calls each listener once when the time is up, and not one taken back', () => {
    const deadline = new Deadline(1_000);
    const heard: string[] = [];
    deadline.onExpire(() => heard.push('a'));
    const takeBack = deadline.onExpire(() => heard.push('b'));
    expect(jest.getTimerCount()).toBe(1);
    takeBack();
    jest.advanceTimersByTime(999);
    expect(heard).toEqual([]);
    expect(deadline.expired).toBe(false);
    jest.advanceTimersByTime(1);
    expect(heard).toEqual(['a']);
    expect(deadline.expired).toBe(true);
    jest.advanceTimersByTime(5_000);
    expect(heard).toEqual(['a']);
  });

  it('aborts its signal and calls its listeners from the same timer', () => {
    const deadline = new Deadline(1_000);
    let heard = 0;
    deadline.onExpire(() => (heard += 1));
    const { signal } = deadline;
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect([signal.aborted, heard]).toEqual([true, 1]);
  });

  it('calls no listener once the operation has ended', () => {
    const deadline = new Deadline(1_000);
    let heard = 0;
    deadline.onExpire(() => (heard += 1));
    deadline.end();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(2_000);
    expect(heard).toBe(0);
  });
});
