import { Deadline } from '../../src/wechat/transport/deadline';

describe('Deadline: one per GraphQL operation, with a timer only while it is needed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('makes no timer until a call asks for its signal', () => {
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

});
