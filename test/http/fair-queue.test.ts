import { FairQueue } from '../../src/http/fair-queue';

const drain = (queue: FairQueue<string>): string[] => {
  const out: string[] = [];
  for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) out.push(entry.value);
  return out;
};

describe('FairQueue: one FIFO lane per caller, served round-robin', () => {
  it('serves callers in turn, each caller first in first out', () => {
    const queue = new FairQueue<string>(100);
    for (let i = 1; i <= 4; i++) queue.push('flood', `f${i}`);
    queue.push('polite', 'p1');
    queue.push('polite', 'p2');
    queue.push('third', 't1');
    expect(drain(queue)).toEqual(['f1', 'p1', 't1', 'f2', 'p2', 'f3', 'f4']);
    expect(queue.length).toBe(0);
    expect(queue.callers).toBe(0);
  });

  it('when full, refuses a caller that already holds its share', () => {
    const queue = new FairQueue<string>(3);
    expect(queue.push('a', 'a1').queued).toBeDefined();
    expect(queue.push('a', 'a2').queued).toBeDefined();
    expect(queue.push('a', 'a3').queued).toBeDefined();
    expect(queue.push('a', 'a4')).toEqual({});
    expect(queue.length).toBe(3);
  });

  it('when full, makes room for a caller below its share by evicting the newest of the longest lane', () => {
    const queue = new FairQueue<string>(4);
    for (let i = 1; i <= 4; i++) queue.push('flood', `f${i}`);
    const first = queue.push('polite', 'p1');
    expect(first.evicted?.value).toBe('f4');
    const second = queue.push('polite', 'p2');
    expect(second.evicted?.value).toBe('f3');
    // Now 2 and 2: an equal share is not evicted for.
    expect(queue.push('polite', 'p3')).toEqual({});
    expect(queue.lengthOf('flood')).toBe(2);
    expect(queue.lengthOf('polite')).toBe(2);
    expect(drain(queue)).toEqual(['f1', 'p1', 'f2', 'p2']);
  });

  it('finds the longest lane again after it shrank', () => {
    const queue = new FairQueue<string>(6);
    queue.push('a', 'a1');
    queue.push('a', 'a2');
    queue.push('a', 'a3');
    queue.push('b', 'b1');
    queue.push('b', 'b2');
    queue.shift(); // a1: a now has 2, b has 2
    queue.push('b', 'b3'); // b is longest now (3)
    queue.push('a', 'a4'); // full: a 3, b 3
    const made = queue.push('c', 'c1');
    expect(made.evicted?.key).toBeDefined();
    expect(queue.lengthOf('c')).toBe(1);
    expect(queue.length).toBe(6);
  });

  it('removes an entry from the middle of a lane, once', () => {
    const queue = new FairQueue<string>(10);
    queue.push('a', 'a1');
    const middle = queue.push('a', 'a2').queued!;
    queue.push('a', 'a3');
    expect(queue.remove(middle)).toBe(true);
    expect(queue.remove(middle)).toBe(false);
    expect(drain(queue)).toEqual(['a1', 'a3']);
  });

  it('a lane emptied by removal gives up its turn and comes back at the end', () => {
    const queue = new FairQueue<string>(10);
    const only = queue.push('a', 'a1').queued!;
    queue.push('b', 'b1');
    queue.remove(only);
    queue.push('a', 'a2');
    expect(drain(queue)).toEqual(['b1', 'a2']);
  });

  it('with no room at all (capacity 0), refuses everyone', () => {
    const queue = new FairQueue<string>(0);
    expect(queue.push('a', 'a1')).toEqual({});
  });
});
