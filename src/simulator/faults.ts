/**
 * Fault injection: the failures the gateway must survive (WeChat busy, proxies answering HTML,
 * connections lost before or after WeChat acted, calls that never return), queued by tests and
 * consumed in order by the requests they match, and how each one answers. The HTTP face hands
 * over an Exchange, so this file knows nothing of node:http.
 */
import { wxError } from './answers';

export type Fault =
  /** HTTP 200 `{errcode, errmsg}` instead of applying. */
  | { path: string; kind: 'errcode'; errcode: number; errmsg?: string; times?: number }
  | { path: string; kind: 'http500'; times?: number }
  /** HTTP 200 with a body that is not JSON, as a proxy or captive portal would send. */
  | { path: string; kind: 'garbage'; times?: number }
  /** The socket is destroyed without an answer; with afterApply the state change happens first. */
  | { path: string; kind: 'drop'; afterApply?: boolean; times?: number }
  /** No answer until the simulator closes. */
  | { path: string; kind: 'hang'; times?: number }
  /** A normal answer (and state change) after ms, without holding up other requests. */
  | { path: string; kind: 'delay'; ms: number; times?: number };

interface Queued {
  readonly fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private queue: Queued[] = [];

  /** Queues a fault for the next `times` requests to its path (default once). */
  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new RangeError(`fault times must be a positive integer or Infinity, got ${times}`);
    }
    if (fault.kind === 'delay' && !(fault.ms >= 0 && Number.isFinite(fault.ms))) {
      throw new RangeError(`delay fault ms must be a finite number >= 0, got ${fault.ms}`);
    }
    this.queue.push({ fault, remaining: times });
  }

  /** The first queued fault for this path ('*' matches all), used up once. */
  take(path: string): Fault | undefined {
    const index = this.queue.findIndex((q) => q.fault.path === path || q.fault.path === '*');
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }
}

/** One request as a fault sees it: run the rule, answer, or give no answer at all. */
export interface Exchange {
  /** Runs the rule (its state change happens) and sends WeChat's JSON answer. */
  answer(): void;
  /** Runs the rule without answering. */
  apply(): void;
  send(status: number, contentType: string, text: string): void;
  sendJson(status: number, body: unknown): void;
  /** Ends the connection without an answer. */
  destroy(): void;
  /** Runs `fn` after `ms`, unless the simulator closes first. */
  later(ms: number, fn: () => void): void;
}

/** What a misbehaving upstream sends instead of JSON: nginx's error page, a captive portal. */
const NGINX_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Network login</title></head><body><p>Please sign in to the network to continue.</p></body></html>';

/** Answers a request the way its fault says, or normally when there is none. */
export function respond(fault: Fault | undefined, exchange: Exchange): void {
  switch (fault?.kind) {
    case undefined:
      return exchange.answer();
    case 'errcode':
      return exchange.sendJson(200, { errcode: fault.errcode, errmsg: fault.errmsg ?? wxError(fault.errcode).errmsg });
    case 'http500':
      return exchange.send(500, 'text/html', NGINX_500);
    case 'garbage':
      return exchange.send(200, 'text/html; charset=utf-8', PORTAL_PAGE);
    case 'drop':
      if (fault.afterApply) exchange.apply();
      return exchange.destroy();
    case 'hang':
      return;
    case 'delay':
      // The change happens when the answer is sent, even if the client gave up waiting.
      return exchange.later(fault.ms, () => exchange.answer());
  }
}
