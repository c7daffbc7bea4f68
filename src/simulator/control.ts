/**
 * The development control surface: WeChat scenarios on demand over HTTP, for a developer who
 * wants to see a frontend handle every outcome without writing a test. Served by the HTTP face
 * under /_control/ only when the simulator is started with `control: true` (never in production:
 * see SimulatorOptions.control); its requests are not counted and take no faults.
 *
 *   GET    /_control/                  the scenarios page (control-page.ts)
 *   GET    /_control/scenarios         the scenarios as JSON (scenarios.ts)
 *   POST   /_control/scenarios/{name}  apply one
 *   POST   /_control/faults            queue one fault: {"path","kind","times",errcode|ms|afterApply}
 *   DELETE /_control/faults            clear every queued fault
 *   POST   /_control/tokens/expire     every access token (or {"appid"}'s) expires now: 42001
 *   POST   /_control/reset             the demo data again, no faults, counters at zero
 *   GET    /_control/counters          requests and applied changes per path, token fetches
 *
 * A change must be sent with `content-type: application/json`: a page of another site cannot
 * send that without a CORS preflight, which this surface never answers, so it cannot be driven
 * cross-site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { renderControlPage } from './control-page';
import type { Counters } from './counters';
import type { Fault, FaultQueue } from './faults';
import { WECHAT_PATHS } from './routes';
import { SCENARIOS } from './scenarios';
import type { WechatState } from './state';

export const CONTROL_PREFIX = '/_control/';
const BODY_LIMIT = 16 * 1024;

const times = z.number().int().min(1).max(1000).optional();
const path = z.string().refine((p) => p === '*' || WECHAT_PATHS.includes(p), { message: `path must be "*" or one of ${WECHAT_PATHS.join(', ')}` });
const FaultSchema = z.discriminatedUnion('kind', [
  z.object({ path, kind: z.literal('errcode'), errcode: z.number().int(), errmsg: z.string().max(200).optional(), times }).strict(),
  z.object({ path, kind: z.literal('http500'), times }).strict(),
  z.object({ path, kind: z.literal('garbage'), times }).strict(),
  z.object({ path, kind: z.literal('drop'), afterApply: z.boolean().optional(), times }).strict(),
  z.object({ path, kind: z.literal('hang'), times }).strict(),
  z.object({ path, kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000), times }).strict(),
]);
const ExpireSchema = z.object({ appid: z.string().min(1).max(64).optional() }).strict();

export interface ControlDeps {
  readonly state: WechatState;
  readonly counters: Counters;
  readonly faults: FaultQueue;
  /** Loads the demo data into the (cleared) accounts. */
  readonly reseed: () => void;
}

type Answer = { status: number; body: unknown };

export class ControlSurface {
  constructor(private readonly deps: ControlDeps) {}

  owns(path: string): boolean {
    return path === CONTROL_PREFIX.slice(0, -1) || path.startsWith(CONTROL_PREFIX);
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const route = path.slice(CONTROL_PREFIX.length);
    const method = req.method ?? 'GET';
    if (path === CONTROL_PREFIX.slice(0, -1)) {
      res.writeHead(308, { location: CONTROL_PREFIX }).end();
      return;
    }
    if (method === 'GET' && route === '') {
      const html = renderControlPage(SCENARIOS);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) }).end(html);
      return;
    }
    if (method === 'GET') return sendJson(res, this.read(route));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, { status: 415, body: { error: 'send changes with content-type: application/json' } });
    }
    readBody(req).then(
      (body) => sendJson(res, body === undefined ? { status: 400, body: { error: `the body must be JSON of at most ${BODY_LIMIT} bytes` } } : this.change(method, route, body)),
      () => res.destroy(),
    );
  }

  private read(route: string): Answer {
    if (route === 'scenarios') return { status: 200, body: SCENARIOS };
    if (route === 'counters') return { status: 200, body: this.counters() };
    return notFound(route);
  }

  private change(method: string, route: string, body: unknown): Answer {
    const { faults, state, counters } = this.deps;
    if (method === 'DELETE' && route === 'faults') {
      faults.clear();
      return this.done('cleared every fault');
    }
    if (method !== 'POST') return { status: 405, body: { error: `${method} is not a change this surface makes` } };
    if (route.startsWith('scenarios/')) {
      const scenario = SCENARIOS.find((s) => s.name === route.slice('scenarios/'.length));
      if (scenario === undefined) return notFound(route);
      for (const fault of scenario.faults) faults.inject(fault);
      if (scenario.expireTokens) state.expireTokens();
      return this.done(`${scenario.title}: the next unbindOpenAccount answers ${scenario.produces}`);
    }
    if (route === 'faults') {
      const parsed = FaultSchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { error: z.prettifyError(parsed.error) } };
      faults.inject(parsed.data as Fault);
      return this.done(`queued ${parsed.data.kind} for the next ${parsed.data.times ?? 1} request(s) to ${parsed.data.path}`);
    }
    if (route === 'tokens/expire') {
      const parsed = ExpireSchema.safeParse(body ?? {});
      if (!parsed.success) return { status: 400, body: { error: z.prettifyError(parsed.error) } };
      state.expireTokens(parsed.data.appid);
      return this.done(parsed.data.appid ? `the tokens of ${parsed.data.appid} expired` : 'every token expired');
    }
    if (route === 'reset') {
      faults.clear();
      state.accounts.clear();
      this.deps.reseed();
      counters.reset();
      return this.done('the demo data again, no faults, counters at zero');
    }
    return notFound(route);
  }

  private done(what: string): Answer {
    return { status: 200, body: { done: what, pendingFaults: this.deps.faults.pending } };
  }

  private counters(): object {
    const { counters, faults } = this.deps;
    const perPath = (read: (path: string) => number) => Object.fromEntries(WECHAT_PATHS.map((p) => [p, read(p)]).filter(([, n]) => n !== 0));
    return {
      calls: perPath((p) => counters.calls(p)),
      applied: perPath((p) => counters.applied(p)),
      tokenFetches: counters.tokenFetches(),
      pendingFaults: faults.pending,
    };
  }
}

// Private: HTTP helpers.

function notFound(route: string): Answer {
  return { status: 404, body: { error: `no such control: ${JSON.stringify(route.slice(0, 80))}; see GET ${CONTROL_PREFIX}` } };
}

function sendJson(res: ServerResponse, { status, body }: Answer): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** The JSON body (an empty one is `{}`), or undefined when it is not JSON or too large. */
function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > BODY_LIMIT) return resolve(undefined);
      const text = Buffer.concat(chunks).toString('utf8').trim();
      try {
        resolve(text === '' ? {} : (JSON.parse(text) as unknown));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', reject);
  });
}
