import pino from 'pino';
import { Admission, type AdmissionConfig, type Refusal } from '../../src/http/admission';

/** A request as admission sees it: admitted (with its release), refused (with why), or waiting. */
interface Probe {
  readonly caller: string;
  state: 'waiting' | 'admitted' | 'refused';
  refusal?: Refusal;
  release?: () => void;
  cancel(): void;
}

function harness(config: Partial<AdmissionConfig>, signals: { upstreamHasRoom?: () => boolean; delayMs?: () => number } = {}) {
  const logs: string[] = [];
  const admission = new Admission(
    { maxInFlight: 2, maxQueue: 3, maxWaitMs: 60_000, maxEventLoopDelayMs: 0, ...config },
    {
      logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }),
      upstreamHasRoom: signals.upstreamHasRoom ?? (() => true),
      ...(signals.delayMs ? { windowDelayMs: signals.delayMs } : {}),
    },
  );
  const enter = (caller: string): Probe => {
    const probe: Probe = { caller, state: 'waiting', cancel: () => ticket.cancel() };
    const ticket = admission.enter(
      caller,
      (release) => Object.assign(probe, { state: 'admitted', release }),
      (refusal) => Object.assign(probe, { state: 'refused', refusal }),
    );
    return probe;
  };
  const count = (probes: Probe[], state: Probe['state']) => probes.filter((p) => p.state === state).length;
  return { admission, enter, count, logs };
}

describe('Admission: admit, wait in a fair queue, or refuse at once', () => {
  afterEach(() => jest.useRealTimers());

  it('K requests: exactly maxInFlight admitted, maxQueue waiting, the rest refused at once', () => {
    const { admission, enter, count } = harness({ maxInFlight: 2, maxQueue: 3 });
    const probes = Array.from({ length: 10 }, () => enter('flood'));
    expect([count(probes, 'admitted'), count(probes, 'waiting'), count(probes, 'refused')]).toEqual([2, 3, 5]);
    expect(probes.filter((p) => p.state === 'refused').every((p) => p.refusal?.reason === 'queue_full' && p.refusal.retryAfterSeconds >= 1)).toBe(true);
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 3 });
    admission.close();
  });

  it('a finished request admits the next one waiting; releasing twice frees one slot', () => {
    const { admission, enter, count } = harness({ maxInFlight: 1, maxQueue: 5 });
    const probes = [enter('a'), enter('a'), enter('a')];
    probes[0]!.release!();
    probes[0]!.release!();
    expect(count(probes, 'admitted')).toBe(2);
    expect(admission.stats()).toMatchObject({ inFlight: 1, queued: 1 });
    admission.close();
  });

  it('serves waiting callers in turn: a flood of one does not delay another by more than one turn', () => {
    const { admission, enter } = harness({ maxInFlight: 1, maxQueue: 10 });
    const first = enter('flood');
    const flood = Array.from({ length: 5 }, () => enter('flood'));
    const polite = enter('polite');
    first.release!();
    expect(flood[0]!.state).toBe('admitted');
    flood[0]!.release!();
    expect(polite.state).toBe('admitted');
    expect(flood.slice(1).every((p) => p.state === 'waiting')).toBe(true);
    admission.close();
  });

  it('a caller below its share is queued even when the queue is full: the flood gives up its newest', () => {
    const { admission, enter, count } = harness({ maxInFlight: 1, maxQueue: 4 });
    const flood = Array.from({ length: 10 }, () => enter('flood'));
    expect([count(flood, 'admitted'), count(flood, 'waiting'), count(flood, 'refused')]).toEqual([1, 4, 5]);
    const polite = [enter('polite'), enter('polite')];
    expect(polite.map((p) => p.state)).toEqual(['waiting', 'waiting']);
    expect(flood.filter((p) => p.refusal?.reason === 'fair_share')).toHaveLength(2);
    expect(flood[flood.length - 6]!.refusal?.reason).toBe('fair_share'); // the newest queued went first
    admission.close();
  });

  it('a request waits at most maxWaitMs, then is refused; one whose client left is dropped silently', () => {
    jest.useFakeTimers();
    const { admission, enter } = harness({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 1_000 });
    const held = enter('a');
    const waiting = enter('a');
    const leaving = enter('a');
    leaving.cancel();
    jest.advanceTimersByTime(1_000);
    expect(waiting.state).toBe('refused');
    expect(waiting.refusal).toEqual({ reason: 'queue_timeout', retryAfterSeconds: 1 });
    expect(leaving.state).toBe('waiting'); // never answered: its client is gone
    expect(held.state).toBe('admitted'); // an admitted request is never dropped
    expect(admission.stats()).toMatchObject({ inFlight: 1, queued: 0 });
    admission.close();
  });

  it('no upstream room: requests wait although slots are free, and are admitted when room comes back', () => {
    jest.useFakeTimers();
    let room = false;
    const { admission, enter } = harness({ maxInFlight: 10, maxQueue: 10 }, { upstreamHasRoom: () => room });
    const probes = [enter('a'), enter('b')];
    expect(probes.map((p) => p.state)).toEqual(['waiting', 'waiting']);
    room = true;
    jest.advanceTimersByTime(100); // the next sampling tick looks again
    expect(probes.map((p) => p.state)).toEqual(['admitted', 'admitted']);
    admission.close();
  });

  it('a loop late in three windows in a row refuses at once the callers that already hold their share, not the others', () => {
    jest.useFakeTimers();
    let delay = 0;
    const { admission, enter } = harness({ maxInFlight: 1, maxQueue: 10, maxEventLoopDelayMs: 200 }, { delayMs: () => delay });
    enter('flood');
    const queued = [enter('flood'), enter('flood')];
    delay = 500;
    jest.advanceTimersByTime(200); // two late windows: a burst, not yet a CPU-bound process
    expect(enter('flood').state).toBe('waiting');
    jest.advanceTimersByTime(100);
    const more = enter('flood');
    const polite = enter('polite');
    expect(queued.map((p) => p.state)).toEqual(['waiting', 'waiting']); // admitted work and its queue are kept
    delay = 0;
    jest.advanceTimersByTime(100); // one window on time ends it
    expect(enter('flood').state).toBe('waiting');
    expect(more.refusal?.reason).toBe('event_loop_delay');
    expect(polite.state).toBe('waiting');
    admission.close();
  });

  it('logs once when shedding starts and once when it has stopped', () => {
    jest.useFakeTimers();
    const { admission, enter, logs } = harness({ maxInFlight: 1, maxQueue: 0 });
    enter('a');
    for (let i = 0; i < 100; i++) enter('a');
    expect(logs.filter((l) => l.includes('shedding started'))).toHaveLength(1);
    jest.advanceTimersByTime(6_000);
    const stopped = logs.filter((l) => l.includes('shedding stopped'));
    expect(stopped).toHaveLength(1);
    expect(JSON.parse(stopped[0]!)).toMatchObject({ shed: { queue_full: 100 } });
    admission.close();
  });

  it('closing refuses whoever still waits', () => {
    const { admission, enter } = harness({ maxInFlight: 1, maxQueue: 5 });
    enter('a');
    const waiting = enter('a');
    admission.close();
    expect(waiting.state).toBe('refused');
  });
});
