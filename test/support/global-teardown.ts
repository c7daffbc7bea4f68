import type { ChildProcess } from 'node:child_process';

/** Stops the redis-server that global-setup.ts started (it kept no data: no RDB, no AOF). */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { testRedis?: ChildProcess }).testRedis;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
