import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `node main.js` of the run-wide build (made once by the jest globalSetup, in TEST_GATEWAY_BUILD). */
function mainOf(build: string): string {
  return join(build, 'src', 'main.js');
}

function runWideBuild(): string {
  const build = process.env['TEST_GATEWAY_BUILD'];
  if (build === undefined) throw new Error('TEST_GATEWAY_BUILD is not set: run the tests through jest (its globalSetup builds the gateway)');
  return build;
}

function start(env: Record<string, string>, build: string): ChildProcess {
  return spawn(process.execPath, [mainOf(build)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every line it wrote, stdout and stderr. */
  readonly lines: string[];
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, as an orchestrator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
  /**
   * Waits (up to 5 s) until it has written a line matching `match`, and returns the lines so far:
   * a running gateway writes its log in batches, each line at most 100 ms after it was logged.
   */
  logged(match: (line: string) => boolean): Promise<string[]>;
}

/** Starts `node main.js` with `env` and waits for its "gateway ready" log line. */
export async function spawnGateway(env: Record<string, string>, build: string = runWideBuild()): Promise<GatewayProcess> {
  const child = start(env, build);
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'gateway ready' && entry.url) resolve(entry.url);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
    void exited.then((code) => reject(new Error(`gateway exited with ${code} before it was ready:\n${lines.join('\n')}`)));
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const logged = async (match: (line: string) => boolean) => {
    for (let waited = 0; waited < 5_000 && !lines.some(match); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines;
  };
  return { url, child, lines, exited, stop, logged };
}

/** Runs `node main.js` with `env` to its end (a gateway that refuses to start): its exit code and stderr. */
export async function runGatewayToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = start(env, runWideBuild());
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
