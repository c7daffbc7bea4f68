/**
 * Summarises a V8 .cpuprofile (node --cpu-prof) into what the report needs: busy time by
 * package (self and inclusive), and the top functions by self and by inclusive time. Usable
 * alone: `node dist/bench/profile-summary.js <file.cpuprofile>`.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly endTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Share {
  readonly name: string;
  /** Share of busy (non-idle) time, 0..1. */
  readonly share: number;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly busyMs: number;
  readonly selfByPackage: Share[];
  readonly inclusiveByPackage: Share[];
  readonly topSelf: Share[];
  readonly topInclusive: Share[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Which package a frame belongs to: npm package, the gateway's own code, node core, or V8. */
export function packageOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const own = /\/dist\/((?:src|bench)\/.*)$/.exec(url);
  if (own) return own[1]!.startsWith('bench/') ? 'bench' : 'gateway (src/)';
  if (url.startsWith('node:')) return 'node core';
  if (url === '') return 'V8 builtins / native';
  return url;
}

function label(frame: CallFrame): string {
  const where = frame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
}

/**
 * `lastMs`: only the samples of the profile's last `lastMs` milliseconds, so start-up and warm-up
 * (module loading, schema building, JIT) do not blur the steady state being looked at; `packages`:
 * how many packages the by-package lists keep.
 */
export function summarizeProfile(file: string, top = 25, lastMs = Number.POSITIVE_INFINITY, packages = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  // Sample times are the running sum of the deltas, ending at endTime (µs).
  const times: number[] = new Array<number>(profile.samples.length);
  let t = profile.endTime;
  for (let i = profile.samples.length - 1; i >= 0; i--) {
    times[i] = t;
    t -= profile.timeDeltas[i] ?? 0;
  }
  const from = profile.endTime - lastMs * 1000;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfPkg = new Map<string, number>();
  const inclPkg = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let total = 0;
  let idle = 0;

  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined || us <= 0 || times[i]! < from) return;
    total += us;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      return;
    }
    add(selfPkg, packageOf(node.callFrame), us);
    add(selfFn, label(node.callFrame), us);
    // Inclusive: every package and function on the stack once, however deep the recursion.
    const pkgs = new Set<string>();
    const fns = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === '(root)') break;
      pkgs.add(packageOf(frame));
      fns.add(label(frame));
    }
    for (const p of pkgs) add(inclPkg, p, us);
    for (const f of fns) add(inclFn, f, us);
  });

  const busy = total - idle;
  const shares = (map: Map<string, number>, n: number): Share[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    busyMs: busy / 1000,
    selfByPackage: shares(selfPkg, packages),
    inclusiveByPackage: shares(inclPkg, packages),
    topSelf: shares(selfFn, top),
    topInclusive: shares(inclFn, top),
  };
}

if (require.main === module) {
  const [file, lastS] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [last seconds only]');
    process.exit(2);
  }
  const s = summarizeProfile(file, 40, lastS ? Number(lastS) * 1000 : undefined);
  const print = (title: string, rows: Share[]) => {
    console.log(`\n${title}`);
    for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(6)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  };
  console.log(`total ${s.totalMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms, busy ${s.busyMs.toFixed(0)} ms`);
  print('self time by package', s.selfByPackage);
  print('inclusive time by package', s.inclusiveByPackage);
  print('top functions, self', s.topSelf);
  print('top functions, inclusive', s.topInclusive);
}
