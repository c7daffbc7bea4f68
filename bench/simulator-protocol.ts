/** Messages between the bench runner and bench/simulator-process.ts. */

export type SimulatorCommand =
  | { readonly id: number; readonly cmd: 'counters'; readonly paths: readonly string[]; readonly appids: readonly string[] }
  | { readonly id: number; readonly cmd: 'reset' }
  /** Delays every answer by `ms` from now on; 0 switches the delay off. */
  | { readonly id: number; readonly cmd: 'delay'; readonly ms: number };

export interface SimulatorCounters {
  readonly calls: Readonly<Record<string, number>>;
  readonly maxConcurrent: Readonly<Record<string, number>>;
  readonly tokenFetches: Readonly<Record<string, number>>;
  readonly totalCalls: number;
  readonly totalTokenFetches: number;
}

export interface SimulatorReply {
  readonly id: number;
  readonly counters?: SimulatorCounters;
}
