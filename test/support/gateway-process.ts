import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BUILD = join(ROOT, '.test-build');

/** Compiles src/ once per test file (swc, about a second), so a test can run the real process. */
export function buildGateway(): void {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'swc'), ['src', '--out-dir', BUILD, '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

export interface GatewayProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `node main.js` with `env` and waits for its "gateway ready" log line. `build`: the
 * compiled tree to run (default: the one `buildGateway` makes; the run-wide one is in
 * TEST_GATEWAY_BUILD, made once by the jest globalSetup).
 */
export async function spawnGateway(env: Record<string, string>, build: string = BUILD): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [join(build, 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return { url, child, lines, exited };
}
