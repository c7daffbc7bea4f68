/**
 * The simulator's HTTP face: WeChat's paths and wire format over node:http, the fault queue in
 * front of the rules, and counters tests use to check what the gateway actually sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Counters, type CounterReadings } from './counters';
import { FaultQueue, respond, type Fault } from './faults';
import { Pushes } from './pushes';
import { seedDemo } from './seed';
import { wxError, type Outcome, type RequestBody } from './answers';
import { WechatState, type StateOptions } from './state';

export interface SimulatorOptions extends StateOptions {
  port?: number;
  host?: string;
  seed?: boolean;
}

export interface Simulator {
  readonly url: string;
  /** The model behind the server: accounts, tokens, platforms; tests set it up and read it directly. */
  readonly state: WechatState;
  /** What arrived, what was applied, token fetches, peak concurrency. */
  readonly counters: CounterReadings;
  /** The fault queue: sim.faults.inject({ path, kind, ... }), sim.faults.clear(). */
  readonly faults: FaultQueue;
  close(): Promise<void>;

  /** Ticket pushes and authorization events to a platform's callback URL. */
  readonly pushes: Pushes;
}

const BODY_LIMIT = 1024 * 1024;

interface Route {
  readonly method: 'GET' | 'POST';
  readonly handle: (state: WechatState, query: URLSearchParams, body: RequestBody) => Outcome;
}

const token = (q: URLSearchParams): string | null => q.get('access_token');

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/cgi-bin/stable_token', { method: 'POST', handle: (s, _q, b) => s.tokens.stableToken(b) }],
  ['/cgi-bin/token', { method: 'GET', handle: (s, q) => s.tokens.plainToken(q) }],
  ['/cgi-bin/open/create', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.createOpenAccount(token(q), b) }],
  ['/cgi-bin/open/bind', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.bindOpenAccount(token(q), b) }],
  ['/cgi-bin/open/unbind', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.unbindOpenAccount(token(q), b) }],
  ['/cgi-bin/open/get', { method: 'POST', handle: (s, q, b) => s.openAccountCalls.getOpenAccount(token(q), b) }],
  ['/cgi-bin/open/have', { method: 'GET', handle: (s, q, b) => s.openAccountCalls.haveOpenAccount(token(q), b) }],
  ['/cgi-bin/component/api_component_token', { method: 'POST', handle: (s, _q, b) => s.components.componentToken(b) }],
  ['/cgi-bin/component/api_authorizer_token', { method: 'POST', handle: (s, q, b) => s.components.authorizerToken(q, b) }],
  ['/cgi-bin/component/api_query_auth', { method: 'POST', handle: (s, q, b) => s.components.queryAuth(q, b) }],
]);

type Received = { kind: 'ok'; text: string } | { kind: 'tooLarge' } | { kind: 'aborted' };

/** Reads the body, keeping at most BODY_LIMIT bytes but draining the rest so the client can read the answer. */
function receive(req: IncomingMessage): Promise<Received> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? { kind: 'tooLarge' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => resolve({ kind: 'aborted' }));
  });
}

/** An empty body counts as `{}`: every field of these calls is optional or checked by the rules. */
function parseBody(text: string): RequestBody {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; encoding=utf-8', JSON.stringify(body));
}

class RunningSimulator implements Simulator {
  readonly state: WechatState;
  readonly pushes: Pushes;
  private readonly server: Server;
  readonly faults = new FaultQueue();
  readonly counters = new Counters();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private address = '';

  constructor(opts: SimulatorOptions) {
    this.state = new WechatState({ tokenTtlSeconds: opts.tokenTtlSeconds, now: opts.now, rotateRefreshTokens: opts.rotateRefreshTokens });
    this.pushes = new Pushes(this.state.components, this.state.now);
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get url(): string {
    return this.address;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port: actual } = this.server.address() as AddressInfo;
    this.address = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  }


  /** Ends hanging and delayed requests too, so a test's afterAll never waits on them. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.pushes.stopTicketPush();
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let path = '/';
    let query = new URLSearchParams();
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      path = url.pathname;
      query = url.searchParams;
    } catch {
      path = req.url ?? '/';
    }
    // Counted on arrival, so requests that are then faulted, dropped or left hanging count too.
    this.counters.arrive(path);
    res.once('close', () => this.counters.leave(path));
    const fault = this.faults.take(path);
    const method = req.method ?? 'GET';
    void receive(req).then((received) => {
      if (this.closing || received.kind === 'aborted') return;
      if (received.kind === 'tooLarge') {
        sendJson(res, 413, { errcode: 413, errmsg: 'request body larger than 1 MB' });
        return;
      }
      this.respond(fault, res, () => this.dispatch(path, method, query, received.text));
    }).catch(() => res.destroy());
  }

  private respond(fault: Fault | undefined, res: ServerResponse, run: () => { status: number; body: unknown }): void {
    respond(fault, {
      answer: () => {
        const { status, body } = run();
        sendJson(res, status, body);
      },
      apply: () => void run(),
      send: (status, contentType, text) => send(res, status, contentType, text),
      sendJson: (status, body) => sendJson(res, status, body),
      destroy: () => void res.socket?.destroy(),
      later: (ms, fn) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          fn();
        }, ms);
        this.timers.add(timer);
      },
    });
  }

  private dispatch(path: string, method: string, query: URLSearchParams, text: string): { status: number; body: unknown } {
    const route = ROUTES.get(path);
    if (!route) return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
    if (method !== route.method) return { status: 405, body: { errcode: 405, errmsg: `method not allowed, use ${route.method}` } };
    try {
      const outcome = route.handle(this.state, query, parseBody(text));
      if (outcome.applied) this.counters.apply(path);
      if (outcome.tokenFor !== undefined) this.counters.tokenFetched(outcome.tokenFor, outcome.tokenKind);
      return { status: 200, body: outcome.answer };
    } catch {
      return { status: 200, body: wxError(-1) };
    }
  }
}

/** Starts a simulator on a free port of 127.0.0.1 unless told otherwise. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new RunningSimulator(opts);
  if (opts.seed) seedDemo(sim.state.accounts);
  await sim.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return sim;
}
