/**
 * Every server of the bench runs as its own process, as in production, so each one's CPU and
 * memory are its own (all still share the machine's cores with the load generator). This file
 * starts and stops them: the simulator, the gateway (`node dist/src/main.js`), the baseline and
 * the direct client.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import type { ClosedLoopOptions, ClosedLoopResult } from './closed-loop-client';
import type { DirectClientOptions, DirectClientResult } from './direct-protocol';
import type { HealthSamples } from './health-poller';
import { GATEWAY_NODE_FLAGS } from './settings';
import type { SimulatorCommand, SimulatorCounters, SimulatorReply } from './simulator-protocol';

/** dist/ (the bench runs compiled: dist/bench/*.js next to dist/src). */
const DIST = join(__dirname, '..');
const ROOT = join(DIST, '..');
/** Every server the bench starts carries the GC probe (bench/gc-probe.ts); it is idle until signalled. */
const PROBE = ['--require', join(DIST, 'bench', 'gc-probe.js')];

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the process has exited; sends SIGKILL if SIGTERM is not enough within 10 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Peak resident set size (VmHWM) and current RSS of a process, in bytes, from /proc (Linux). */
export function memoryOf(pid: number): { peakRss: number; rss: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return { peakRss: NaN, rss: NaN };
  }
}

// ---------------------------------------------------------------- simulator

/** Omit that keeps a union a union (one member per command). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface SimulatorProcess {
  readonly url: string;
  counters(paths: readonly string[], appids?: readonly string[]): Promise<SimulatorCounters>;
  resetCounters(): Promise<void>;
  setDelay(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatorProcess(entityApps: number): Promise<SimulatorProcess> {
  const child = fork(join(DIST, 'bench', 'simulator-process.js'), [], {
    env: { ...process.env, BENCH_ENTITY_APPS: String(entityApps) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { ready?: string }) => (m.ready ? resolve(m.ready) : reject(new Error('simulator sent no URL'))));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  let nextId = 0;
  const pending = new Map<number, (reply: SimulatorReply) => void>();
  child.on('message', (reply: SimulatorReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const ask = (command: WithoutId<SimulatorCommand>): Promise<SimulatorReply> =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ ...command, id });
    });
  return {
    url,
    counters: async (paths, appids = []) => (await ask({ cmd: 'counters', paths, appids })).counters!,
    resetCounters: async () => void (await ask({ cmd: 'reset' })),
    setDelay: async (ms) => void (await ask({ cmd: 'delay', ms })),
    stop: () => stopChild(child),
  };
}

// ---------------------------------------------------------------- gateway

export interface GatewayOptions {
  readonly simulatorUrl: string;
  readonly apps: Record<string, string>;
  /** Extra or overriding environment (LOG_LEVEL, WECHAT_CONNECTIONS, …). */
  readonly env?: Record<string, string>;
  /** Write a V8 CPU profile of the whole process life into this directory. */
  readonly cpuProfDir?: string;
  /** File the gateway's stdout and stderr (its JSON logs) go to. */
  readonly logFile: string;
  /** Headers of a GraphQL request (authentication). */
  readonly headers: Record<string, string>;
  /** Another build's entry point instead of this one's dist/src/main.js (bench/ab.ts). */
  readonly mainJs?: string;
  /** Node's flags for the gateway; by default those `npm start` uses (GATEWAY_NODE_FLAGS). */
  readonly nodeFlags?: readonly string[];
}

export interface GatewayProcess {
  readonly url: string;
  /** Prometheus metrics: in production they are served on METRICS_PORT, not the GraphQL port. */
  readonly metricsUrl: string;
  readonly pid: number;
  /** Where bench/gc-probe.ts in the process writes its GC window on SIGUSR2 (bench/meter.ts). */
  readonly gcFile: string;
  /** From spawn to the first GraphQL answer, in ms. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/src/main.js` as production runs it, and waits until it answers a GraphQL
 * request (`{ __typename }`, which touches no upstream): that wait is the start-up time of item 5.
 */
export async function startGateway(options: GatewayOptions): Promise<GatewayProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const log = openSync(options.logFile, 'a');
  const started = performance.now();
  const gcFile = `${options.logFile}.gc.json`;
  const args = [...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []), ...PROBE, ...(options.nodeFlags ?? GATEWAY_NODE_FLAGS), options.mainJs ?? join(DIST, 'src', 'main.js')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      WECHAT_API_BASE: options.simulatorUrl,
      WECHAT_APPS: JSON.stringify(options.apps),
      SHUTDOWN_GRACE_MS: '2000',
      BENCH_GC_FILE: gcFile,
      METRICS_PORT: String(metricsPort),
      ...options.env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}/graphql`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = started + 30_000;
  try {
    await untilServing(url, options, () => exited, deadline);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, pid: child.pid!, gcFile, startupMs: performance.now() - started, stop: () => stopChild(child) };
}

async function untilServing(url: string, options: GatewayOptions, exited: () => boolean, deadline: number): Promise<void> {
  for (;;) {
    if (exited()) throw new Error(`gateway exited before serving; see ${options.logFile}`);
    if (performance.now() > deadline) throw new Error(`gateway did not serve within 30 s; see ${options.logFile}`);
    const answer = await request(url, { method: 'POST', headers: { ...options.headers, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then(
      async (response) => ({ status: response.statusCode, text: await response.body.text() }),
      () => undefined, // not listening yet
    );
    if (answer?.status === 200 && answer.text.includes('__typename')) return;
    if (answer !== undefined) throw new Error(`gateway answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    await sleep(2);
  }
}

/** Reads `gateway_operations_total{field,result}` from a gateway's /metrics: which union members were returned. */
export async function operationCounts(gateway: Pick<GatewayProcess, 'metricsUrl'>): Promise<Map<string, number>> {
  const response = await request(gateway.metricsUrl);
  const text = await response.body.text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^gateway_operations_total\{field="([^"]+)",result="([^"]+)"\} (\d+)/gm)) {
    counts.set(`${match[1]}: ${match[2]}`, Number(match[3]));
  }
  return counts;
}

// ---------------------------------------------------------------- baseline and direct client

export interface BaselineProcess {
  readonly url: string;
  readonly pid: number;
  readonly gcFile: string;
  stop(): Promise<void>;
}

/**
 * The minimal baseline (bench/baseline-server.ts), Apollo Server's floor (bench/apollo-floor-server.ts)
 * or the afternoon version (bench/apollo-afternoon-server.ts); `gcDir` is where its GC probe writes,
 * `nodeFlags` Node's flags (none: as a team would run it).
 */
export async function startBaseline(
  simulatorUrl: string,
  apps: Record<string, string>,
  server: 'baseline' | 'apollo-floor' | 'apollo-afternoon' = 'baseline',
  gcDir = tmpdir(),
  nodeFlags: readonly string[] = [],
): Promise<BaselineProcess> {
  const port = await freePort();
  const gcFile = join(gcDir, `${server}-${port}.gc.json`);
  const child = spawn(process.execPath, [...PROBE, ...nodeFlags, join(DIST, 'bench', `${server}-server.js`)], {
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', PORT: String(port), UPSTREAM: simulatorUrl, WECHAT_APPS: JSON.stringify(apps), BENCH_GC_FILE: gcFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i++) {
    try {
      const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' });
      await response.body.text();
      if (response.statusCode === 200) break;
    } catch {
      if (i > 5000) throw new Error('baseline did not start');
    }
    await sleep(2);
  }
  return { url, pid: child.pid!, gcFile, stop: () => stopChild(child) };
}

/**
 * `bench/<script>.js` in a process of its own, given `env`; `result` is the one message it sends
 * back over IPC (rejected if it exits otherwise), `child` the process.
 */
function forkBenchProcess<T>(script: string, env: Record<string, string>): { child: ChildProcess; result: Promise<T> } {
  const child = fork(join(DIST, 'bench', `${script}.js`), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const result = new Promise<T>((resolve, reject) => {
    child.once('message', (message: T) => resolve(message));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${script} exited with ${code}`))));
  });
  return { child, result };
}

export function runDirectClient(options: DirectClientOptions): Promise<DirectClientResult> {
  return forkBenchProcess<DirectClientResult>('direct-client', { BENCH_DIRECT: JSON.stringify(options) }).result;
}

/** bench/closed-loop-client.ts in its own process (the overload scenario's second caller). */
export function runClosedLoopClient(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  return forkBenchProcess<ClosedLoopResult>('closed-loop-client', { BENCH_CLOSED_LOOP: JSON.stringify(options) }).result;
}

/** bench/health-poller.ts in its own process, polling `url` until `stop()`, which resolves with what it saw. */
export function pollHealth(url: string): { stop(): Promise<HealthSamples> } {
  const { child, result } = forkBenchProcess<HealthSamples>('health-poller', { BENCH_HEALTHZ: url });
  return {
    stop: () => {
      child.send('stop');
      return result;
    },
  };
}
