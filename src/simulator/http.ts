/**
 * The simulator's HTTP face: WeChat's paths over node:http. Each request is counted on arrival,
 * takes the next fault queued for its path, has its body read (at most 1 MB), and is answered
 * by the fault or by the rule its route names. Closing ends hanging and delayed requests too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ControlSurface } from './control';
import type { Counters } from './counters';
import { respond, type FaultQueue } from './faults';
import { dispatch } from './routes';
import type { WechatState } from './state';

const BODY_LIMIT = 1024 * 1024;

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

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; encoding=utf-8', JSON.stringify(body));
}

export class HttpFace {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Delayed answers still to send; cleared on close. */
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private address = '';

  constructor(
    private readonly state: WechatState,
    private readonly counters: Counters,
    private readonly faults: FaultQueue,
    /** api_start_push_ticket answered ok: push the platform a fresh ticket, after the answer. */
    private readonly pushTicket: (componentAppid: string) => Promise<unknown> = async () => undefined,
    /** The development control surface (control.ts), when enabled: its paths bypass counters and faults. */
    private readonly control?: ControlSurface,
  ) {
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
    if (this.control?.owns(path)) {
      this.control.handle(req, res, path);
      return;
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
      const clientIp = req.socket.remoteAddress ?? '';
      const run = () => dispatch(this.state, this.counters, { path, method, query, text: received.text, clientIp });
      respond(fault, {
        answer: () => {
          const { status, body, pushTicketTo } = run();
          sendJson(res, status, body);
          // As WeChat: the push comes after the answer (and a platform without a callback gets none).
          if (pushTicketTo !== undefined) setImmediate(() => void this.pushTicket(pushTicketTo).catch(() => undefined));
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
    }).catch(() => res.destroy());
  }
}
