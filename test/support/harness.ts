/**
 * The one set-up of the tests that run the gateway (end-to-end, security, component, federation,
 * operations): start simulators and gateways with overrides, adopt whatever else a test starts
 * (a JWKS server, a subgraph), list what was started, and stop all of it, last started first.
 *
 *   describe('unbindOpenAccount: ...', () => {
 *     const harness = useHarness();            // stops everything after each test ('all': after the suite)
 *     let simulator: Simulator;
 *     let gateway: TestGateway;
 *     beforeEach(async () => ({ simulator, gateway } = await harness.demo()));
 *
 * Every stop is idempotent, so a test may stop (or restart) a thing itself and the harness still
 * cleans up what is left; a stop that fails is reported with what it was, after the others ran.
 */
import { demoCredentials, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { startTestGateway, type TestGateway } from './gateway';
import { spawnGateway, type GatewayProcess } from './gateway-process';

export type Env = Record<string, string>;

export interface GatewayOptions {
  /** What the gateway calls as WeChat (WECHAT_API_BASE): a simulator, or base URLs in failover order. */
  readonly wechat?: Simulator | readonly (Simulator | string)[];
  /** Environment overrides, as an operator would set them. */
  readonly env?: Env;
}

/** One thing the harness started or adopted, in start order. */
export interface Started {
  /** 'simulator', 'gateway', 'gateway process', or the kind a test gave `adopt`. */
  readonly kind: string;
  readonly url: string;
  readonly running: boolean;
}

export interface Harness {
  /** A simulator on a free port, seeded with the demo accounts (src/simulator/seed.ts) unless `seed: false`. */
  simulator(options?: SimulatorOptions): Promise<Simulator>;
  /** The gateway in this process (its logs captured in `logs`). */
  gateway(options?: GatewayOptions): Promise<TestGateway>;
  /** The gateway as its own process, from the run-wide build; `stop()` sends SIGTERM and resolves with the exit code. */
  process(options?: GatewayOptions): Promise<GatewayProcess>;
  /** The usual set-up: a seeded simulator and a gateway calling for every demo account with its own appsecret. */
  demo(env?: Env): Promise<{ simulator: Simulator; gateway: TestGateway }>;
  /** Something else the test started, to be stopped with the rest. */
  adopt<T>(kind: string, url: string, thing: T, stop: () => Promise<unknown>): T;
  /** What was started, in order, and whether it still runs. */
  started(): readonly Started[];
  /** Stops everything still running, last started first. */
  stopAll(): Promise<void>;
}

interface Entry {
  readonly kind: string;
  readonly url: string;
  stopped: boolean;
  readonly stop: () => Promise<unknown>;
}

export function createHarness(): Harness {
  const entries: Entry[] = [];

  /** Registers a thing; the returned stop runs the real one once, however often it is called. */
  function track(kind: string, url: string, stop: () => Promise<unknown>): () => Promise<unknown> {
    let stopping: Promise<unknown> | undefined;
    const entry: Entry = { kind, url, stopped: false, stop: () => (stopping ??= ((entry.stopped = true), stop())) };
    entries.push(entry);
    return entry.stop;
  }

  const baseUrls = (wechat: GatewayOptions['wechat']): Env => {
    if (wechat === undefined) return {};
    const list = Array.isArray(wechat) ? wechat : [wechat];
    return { WECHAT_API_BASE: list.map((w: Simulator | string) => (typeof w === 'string' ? w : w.url)).join(',') };
  };

  const harness: Harness = {
    async simulator(options = {}) {
      const simulator = await startSimulator({ seed: true, ...options });
      return { ...simulator, close: track('simulator', simulator.url, () => simulator.close()) as () => Promise<void> };
    },

    async gateway({ wechat, env = {} } = {}) {
      const gateway = await startTestGateway({ env: { ...baseUrls(wechat), ...env } });
      return { ...gateway, stop: track('gateway', gateway.url, () => gateway.stop()) as () => Promise<void> };
    },

    async process({ wechat, env = {} } = {}) {
      const gateway = await spawnGateway({ ...baseUrls(wechat), ...env });
      return { ...gateway, stop: track('gateway process', gateway.url, () => gateway.stop()) as () => Promise<number | null> };
    },

    async demo(env = {}) {
      const simulator = await harness.simulator();
      const gateway = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify(demoCredentials()), ...env } });
      return { simulator, gateway };
    },

    adopt(kind, url, thing, stop) {
      track(kind, url, stop);
      return thing;
    },

    started: () => entries.map(({ kind, url, stopped }) => ({ kind, url, running: !stopped })),

    async stopAll() {
      const failures: string[] = [];
      for (const entry of entries.splice(0).reverse()) {
        await entry.stop().catch((error: unknown) => failures.push(`${entry.kind} ${entry.url}: ${String(error)}`));
      }
      if (failures.length > 0) throw new Error(`could not stop:\n${failures.join('\n')}`);
    },
  };
  return harness;
}

/** A harness whose things are stopped after each test (`'each'`) or after the enclosing suite (`'all'`). */
export function useHarness(scope: 'each' | 'all' = 'each'): Harness {
  const harness = createHarness();
  if (scope === 'each') afterEach(() => harness.stopAll());
  else afterAll(() => harness.stopAll());
  return harness;
}
