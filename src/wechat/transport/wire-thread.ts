import { Worker } from 'node:worker_threads';
import type { CallDeadline } from './deadline';
import { wireThreadBody, type WireAnswer, type WireError, type WireJob, type WirePoolSettings, type WireThreadData } from './wire-thread-body';

export type { WirePoolSettings } from './wire-thread-body';

/** WeChat's answer, read whole; or how large the answer said or turned out to be, unread past the limit. */
export type Exchanged = { readonly status: number; readonly text: string } | { readonly status: number; readonly tooLarge: number };

export interface ExchangeOptions {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

interface Pending {
  readonly resolve: (answer: Exchanged) => void;
  readonly reject: (error: Error) => void;
  /** Stops listening to the exchange's deadline. */
  readonly unlisten: (() => void) | undefined;
}

/** An error as undici raised it in the wire thread: its name and code are what the transport classifies. */
class WireThreadError extends Error {
  readonly code: string | undefined;
  constructor(error: WireError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
  }
}

const SOURCE = `(${wireThreadBody.toString()})()`;

/**
 * The HTTP exchanges with WeChat, made by undici in a thread of their own (wire-thread-body.ts).
 *
 * Why a thread: a keep-alive connection is handed its next request only in a later turn of the
 * event loop that read the last answer (undici waits for the check phase before reusing a socket,
 * so that a server's stray bytes or FIN are seen first). On the gateway's own loop that turn
 * comes after every other request the loop is parsing, authenticating and executing: under load
 * each of the WECHAT_CONNECTIONS connections sat idle 10–20 ms per 100 ms call, and WeChat's
 * capacity went unused while callers waited. On a loop that only moves bytes to WeChat, the next
 * request goes out at once, however busy the gateway is (bench/RESULTS.md, overload).
 *
 * Semantics are those of one exchange: `deadline` ends it at once, aborting it on the wire if it
 * started (a call still queued in the pool is then never sent); errors are undici's (name, code,
 * message). If the thread dies, the exchanges it held fail as connections lost (they may have
 * been sent) and the next exchange starts a new thread.
 */
export class WireThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  /** Jobs and aborts of this turn of the loop, sent as one message in its check phase. */
  private outbox: Array<WireJob | readonly [number]> | undefined;

  constructor(private readonly pools: readonly WirePoolSettings[]) {}

  exchange(options: ExchangeOptions, deadline: CallDeadline | undefined, maxBytes: number): Promise<Exchanged> {
    if (deadline?.expired) return Promise.reject(new DeadlinePassed());
    if (this.closed) return Promise.reject(new WireThreadError({ name: 'ClientDestroyedError', code: 'UND_ERR_DESTROYED', message: 'The client is destroyed' }));
    const worker = this.thread();
    const id = ++this.nextId;
    return new Promise<Exchanged>((resolve, reject) => {
      const unlisten = deadline?.onExpire(() => {
        if (!this.pending.delete(id)) return;
        this.idle();
        this.post([id]);
        reject(new DeadlinePassed());
      });
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject, unlisten });
      const job: WireJob = [id, options.origin, options.method, options.path, options.headers, options.body, maxBytes];
      this.post(job);
    });
  }

  /** Closes the pools (after the exchanges under way) and ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.flush();
    worker.postMessage('close');
    await exited;
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const data: WireThreadData = { undici: require.resolve('undici'), pools: this.pools };
    const worker = new Worker(SOURCE, { eval: true, workerData: data });
    worker.unref();
    worker.on('message', (answers: readonly WireAnswer[]) => {
      for (const answer of answers) this.settle(answer);
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // Jobs not handed over yet were the dead thread's: they fail below, so they must never go out.
      this.outbox = undefined;
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.unlisten?.();
        pending.reject(new WireThreadError({ name: 'SocketError', code: 'UND_ERR_SOCKET', message: `the wire thread ${why}` }));
      }
    };
    worker.on('error', (error) => lost(`failed: ${error.message}`));
    worker.on('exit', (code) => lost(`exited with ${code}`));
    this.worker = worker;
    return worker;
  }

  private post(message: WireJob | readonly [number]): void {
    if (this.outbox === undefined) {
      this.outbox = [];
      setImmediate(() => this.flush());
    }
    this.outbox.push(message);
  }

  private flush(): void {
    const messages = this.outbox;
    this.outbox = undefined;
    if (messages !== undefined) this.worker?.postMessage(messages);
  }

  private settle([id, status, text, tooLarge, error]: WireAnswer): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return; // aborted meanwhile
    this.pending.delete(id);
    this.idle();
    pending.unlisten?.();
    if (error !== undefined) pending.reject(new WireThreadError(error));
    else if (tooLarge !== undefined) pending.resolve({ status, tooLarge });
    else pending.resolve({ status, text: text ?? '' });
  }

  /** With nothing under way the thread must not keep the process alive (scripts, tests). */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }
}

/** The exchange's deadline passed before its answer came (the caller knows which deadline). */
class DeadlinePassed extends Error {
  constructor() {
    super('the deadline passed');
    this.name = 'DeadlinePassed';
  }
}
