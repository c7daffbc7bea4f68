/**
 * The harness itself: what it started is listed in order, everything is stopped (last first) and
 * stays stopped, a test's own early stop is not repeated, and a stop that fails is named.
 */
import { request } from 'undici';
import { createHarness } from './harness';

/** Whether anything still answers at `url`. */
const answers = (url: string) => request(url).then((r) => r.body.dump().then(() => true), () => false);

describe('the test harness: starts, lists and stops what a test needs', () => {
  it('lists what it started in order, and stops all of it, last started first', async () => {
    const harness = createHarness();
    const stopped: string[] = [];
    harness.adopt('first helper', 'http://first.invalid', {}, async () => void stopped.push('first'));
    const { simulator, gateway } = await harness.demo();
    harness.adopt('last helper', 'http://last.invalid', {}, async () => void stopped.push(`last, while the gateway ${(await answers(`${new URL(gateway.url).origin}/healthz`)) ? 'still runs' : 'is gone'}`));
    expect(harness.started()).toEqual([
      { kind: 'first helper', url: 'http://first.invalid', running: true },
      { kind: 'simulator', url: simulator.url, running: true },
      { kind: 'gateway', url: gateway.url, running: true },
      { kind: 'last helper', url: 'http://last.invalid', running: true },
    ]);
    expect(await answers(`${simulator.url}/cgi-bin/open/have`)).toBe(true);
    expect(await answers(`${new URL(gateway.url).origin}/healthz`)).toBe(true);

    await harness.stopAll();

    expect(stopped).toEqual(['last, while the gateway still runs', 'first']);
    expect(harness.started()).toEqual([]);
    expect(await answers(`${simulator.url}/cgi-bin/open/have`)).toBe(false);
    expect(await answers(`${new URL(gateway.url).origin}/healthz`)).toBe(false);
  });

  it('what a test stopped itself is listed as not running, and stopping it again is harmless', async () => {
    const harness = createHarness();
    let stops = 0;
    harness.adopt('helper', 'http://helper.invalid', {}, async () => void (stops += 1));
    const { simulator, gateway } = await harness.demo();
    await gateway.stop();
    await simulator.close();
    expect(harness.started().map((s) => [s.kind, s.running])).toEqual([['helper', true], ['simulator', false], ['gateway', false]]);
    await expect(harness.stopAll()).resolves.toBeUndefined();
    await expect(harness.stopAll()).resolves.toBeUndefined();
    expect(stops).toBe(1);
  });

  it('a stop that fails is reported by what it was, after the others were stopped', async () => {
    const harness = createHarness();
    const simulator = await harness.simulator({ seed: false });
    harness.adopt('broken helper', 'http://broken.invalid', {}, () => Promise.reject(new Error('would not stop')));
    await expect(harness.stopAll()).rejects.toThrow(/broken helper http:\/\/broken\.invalid: Error: would not stop/);
    expect(await answers(`${simulator.url}/cgi-bin/open/have`)).toBe(false);
  });
});
