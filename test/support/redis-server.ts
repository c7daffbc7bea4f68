/**
 * Real redis-server processes for tests that need more than the run-wide throwaway one: a server
 * with an append-only file to kill and restart, a master with a replica, and Sentinels. Each on a
 * free port, in a temp directory, stopped by the test. Every wait polls state with a bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `${name}-`));
}

/** Polls `check` every 50 ms until it is true, at most `timeoutMs`; then fails naming `what`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class RedisProcess {
  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly args: readonly string[],
    private child: ChildProcess,
    /** Its log file, in `dir`: not a pipe, which a forked AOF rewrite would hold open after a kill. */
    readonly logFile: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * Starts `redis-server` on `port` (default: a free one) in `dir` with `args` (e.g.
   * `--appendonly yes`, `--replicaof …`) and waits until it answers PING. `sentinel` starts it as
   * a Sentinel with `config` written to a file in `dir` (Sentinel rewrites its config file).
   */
  static async start(options: { dir?: string; port?: number; args?: readonly string[]; sentinelConfig?: string } = {}): Promise<RedisProcess> {
    const port = options.port ?? (await freePort());
    const dir = options.dir ?? tempDir('redis');
    const args = options.args ?? [];
    const logFile = join(dir, `redis-${port}.log`);
    const base = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--loglevel', 'notice', '--logfile', logFile];
    let argv: string[];
    if (options.sentinelConfig !== undefined) {
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(file, options.sentinelConfig);
      argv = [file, '--sentinel', ...base, ...args];
    } else {
      argv = ['--save', '', ...base, ...args];
    }
    const child = spawn('redis-server', argv, { stdio: 'ignore' });
    const server = new RedisProcess(port, dir, args, child, logFile);
    let exited = false;
    child.once('exit', () => (exited = true));
    await eventually(`redis-server on ${port} answering PING (log: ${logFile})`, async () => !exited && (await server.command('PING')) === 'PONG');
    return server;
  }

  /** One command on a fresh connection (so a test never holds one across a kill). */
  async command(...argv: (string | number)[]): Promise<unknown> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(String(argv[0]), ...argv.slice(1).map(String));
    } finally {
      client.disconnect();
    }
  }

  /** INFO `section` as a map of its fields. */
  async info(section: string): Promise<Map<string, string>> {
    const text = String(await this.command('INFO', section));
    return new Map(text.split(/\r?\n/).filter((line) => line.includes(':')).map((line) => line.split(':', 2) as [string, string]));
  }

  /** SIGKILL, as a crash: nothing is flushed or saved on the way out. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** The same server again: same port, same directory (so its AOF), same arguments. */
  restart(): Promise<RedisProcess> {
    return RedisProcess.start({ dir: this.dir, port: this.port, args: this.args });
  }
}
