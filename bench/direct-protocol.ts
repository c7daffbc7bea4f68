/** Options and result of bench/direct-client.ts, passed by env and IPC. */

export interface DirectClientOptions {
  readonly upstream: string;
  readonly appid: string;
  readonly secret: string;
  readonly openAppid: string;
  /** Concurrent request loops (the "connections" of the comparison). */
  readonly connections: number;
  /** Keep-alive connections to the upstream (the gateway's WECHAT_CONNECTIONS). */
  readonly poolConnections: number;
  readonly warmupS: number;
  readonly durationS: number;
}

export interface DirectClientResult {
  /** Milliseconds per request of the measured period. */
  readonly latencies: number[];
  readonly elapsedS: number;
  readonly errors: number;
}
