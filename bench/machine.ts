/** The machine the numbers come from, for the report. */
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { execSync } from 'node:child_process';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly openFilesLimit: string;
  readonly loadAverage: readonly number[];
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: totalmem() / 2 ** 30,
    freeMemoryGiB: freemem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    openFilesLimit: openFilesLimit(),
    loadAverage: loadavg(),
  };
}

export function openFilesLimit(): string {
  try {
    return execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
