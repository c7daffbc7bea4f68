/**
 * Jest globalSetup: a throwaway redis-server for the whole run (a free port, no persistence,
 * stopped by global-teardown.ts), so tests never share state with any other Redis; and one build
 * of the gateway for the tests that run it as separate processes. Both are handed to the test
 * workers through the environment: TEST_REDIS_URL and TEST_GATEWAY_BUILD.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';

const ROOT = join(__dirname, '..', '..');
export const SHARED_BUILD = join(ROOT, '.test-build', 'shared');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForRedis(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('redis-server did not start');
}

export default async function globalSetup(): Promise<void> {
  if (spawnSync('redis-server', ['--version']).error !== undefined) {
    throw new Error('redis-server not found: apt-get install redis-server');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  (globalThis as { testRedis?: ChildProcess }).testRedis = child;
  const url = `redis://127.0.0.1:${port}`;
  await waitForRedis(url, child);
  process.env['TEST_REDIS_URL'] = url;

  execFileSync(join(ROOT, 'node_modules', '.bin', 'swc'), ['src', 'scripts', '--out-dir', SHARED_BUILD, '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  process.env['TEST_GATEWAY_BUILD'] = SHARED_BUILD;
}
