/**
 * The wire thread's code: undici pools to WeChat's domains, in a worker thread of their own.
 *
 * It is one self-contained function because the thread runs its source text (`eval`), so the
 * same code serves the compiled gateway and the tests, which run the TypeScript sources: it may
 * use nothing from outside its body but `require` and the messages it is sent. Types only.
 *
 * Messages in: arrays of `[id, origin, method, path, headers, body, maxBytes]` to send and `[id]`
 * to abort, or `'close'` to close the pools. Out: arrays of `[id, status, text]`,
 * `[id, status, undefined, size]` for an answer larger than `maxBytes` (cut off unread), or
 * `[id, 0, undefined, undefined, error]` with undici's error as `{ name, code, message }` (the
 * transport classifies it by its code). Both ways, what one turn of the loop produced goes as one
 * message: a message costs a copy and a wake-up of the other thread, whatever its size.
 */
import type { Dispatcher, Pool as PoolType } from 'undici';
import type { MessagePort } from 'node:worker_threads';

export type WireJob = readonly [id: number, origin: string, method: string, path: string, headers: Record<string, string>, body: string | null, maxBytes: number];
export type WireAnswer = readonly [id: number, status: number, text?: string, tooLarge?: number, error?: WireError];
export interface WireError {
  readonly name: string;
  readonly code: string | undefined;
  readonly message: string;
}
export interface WirePoolSettings {
  readonly origin: string;
  readonly connections: number;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
}
export interface WireThreadData {
  /** `require.resolve('undici')` in the gateway: the thread loads the same undici. */
  readonly undici: string;
  readonly pools: readonly WirePoolSettings[];
}

export function wireThreadBody(): void {
  const { parentPort, workerData } = require('node:worker_threads') as { parentPort: MessagePort; workerData: WireThreadData };
  const { Pool } = require(workerData.undici) as { Pool: typeof PoolType };
  const pools = new Map<string, PoolType>();
  for (const p of workerData.pools) {
    pools.set(p.origin, new Pool(p.origin, {
      connections: p.connections,
      connect: { timeout: p.connectTimeoutMs },
      headersTimeout: p.responseTimeoutMs,
      bodyTimeout: p.responseTimeoutMs,
      keepAliveTimeout: 30_000,
    }));
  }
  /** Exchanges under way: how to abort each (before it is sent, it is then never sent). */
  const running = new Map<number, (reason: Error) => void>();
  let outbox: WireAnswer[] | undefined;
  const flush = () => {
    parentPort.postMessage(outbox);
    outbox = undefined;
  };
  const answer = (message: WireAnswer) => {
    running.delete(message[0]);
    if (outbox === undefined) {
      outbox = [];
      setImmediate(flush);
    }
    outbox.push(message);
  };
  const failed = (id: number, error: unknown) => {
    const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
    answer([id, 0, undefined, undefined, { name: String(e?.name ?? 'Error'), code: typeof e?.code === 'string' ? e.code : undefined, message: String(e?.message ?? error) }]);
  };

  const send = ([id, origin, method, path, headers, body, maxBytes]: WireJob): void => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let aborted: Error | undefined;
    let status = 0;
    let bytes = 0;
    const chunks: Buffer[] = [];
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      return true;
    };
    const cutOff = (c: Dispatcher.DispatchController, size: number) => {
      if (settle()) answer([id, status, undefined, size]);
      c.abort(new Error('answer too large'));
    };
    running.set(id, (reason) => {
      aborted = reason;
      settled = true;
      running.delete(id);
      controller?.abort(reason);
    });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (aborted !== undefined) c.abort(aborted);
      },
      onResponseStart(c, statusCode, responseHeaders) {
        if (statusCode < 200) return; // 1xx: the answer is still to come
        status = statusCode;
        const length = Number(responseHeaders['content-length'] ?? 0);
        if (length > maxBytes) cutOff(c, length);
      },
      onResponseData(c, chunk) {
        if (settled) return;
        bytes += chunk.length;
        if (bytes > maxBytes) cutOff(c, bytes);
        else chunks.push(chunk);
      },
      onResponseEnd() {
        if (settle()) answer([id, status, Buffer.concat(chunks, bytes).toString('utf8')]);
      },
      onResponseError(_c, error) {
        if (settle()) failed(id, error);
      },
    };
    const pool = pools.get(origin);
    try {
      if (pool === undefined) throw new Error(`no pool for ${origin}`);
      pool.dispatch({ origin, method: method as Dispatcher.HttpMethod, path, headers, body }, handler);
    } catch (error) {
      if (settle()) failed(id, error);
    }
  };

  parentPort.on('message', (messages: ReadonlyArray<WireJob | readonly [number]> | 'close') => {
    if (messages === 'close') {
      void Promise.all([...pools.values()].map((p) => p.close())).then(() => parentPort.close());
      return;
    }
    for (const message of messages) {
      if (message.length === 1) running.get(message[0])?.(new Error('aborted'));
      else send(message);
    }
  });
}
