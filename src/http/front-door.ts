import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Admission } from './admission';
import { sendOverloaded } from './overloaded-response';

export interface FrontDoorOptions {
  /**
   * Who is calling, from the headers alone (authentication, the caller's rate limit). Refuses by
   * throwing an error with `extensions.http.status` (401, 429) and its `extensions.code`.
   */
  readonly identify: (req: IncomingMessage) => Promise<{ readonly id: string }>;
  readonly admission: Admission;
  readonly logger: Logger;
}

/**
 * The front door of a GraphQL request: identify the caller from its headers, then ask admission
 * for a slot in the caller's lane; `next` (read the body, run Apollo) is called only once
 * admitted. Client mistakes found in the headers (no or bad credentials, over the caller's rate)
 * get their own 4xx first: shedding never turns them into a 503. A client that leaves while it
 * waits gives its place up; an admitted request keeps its slot until its response is done.
 */
export function frontDoor(req: IncomingMessage, res: ServerResponse, options: FrontDoorOptions, next: () => void): void {
  options.identify(req).then(
    (caller) => {
      if (req.socket.destroyed) return; // left while being identified
      let admitted = false;
      const ticket = options.admission.enter(
        caller.id,
        (release) => {
          admitted = true;
          res.once('close', release);
          next();
        },
        (refusal) => sendOverloaded(res, refusal),
      );
      if (!admitted) res.once('close', () => ticket.cancel());
    },
    (error: unknown) => sendRefusal(res, error, options.logger),
  );
}

/** A refusal from `identify`, in the shape Apollo gives errors (its code, message and extensions). */
function sendRefusal(res: ServerResponse, error: unknown, logger: Logger): void {
  const extensions = (error as { extensions?: Record<string, unknown> } | null)?.extensions;
  const http = extensions?.['http'] as { status?: number; headers?: Map<string, string> } | undefined;
  const status = http?.status;
  if (res.headersSent) return;
  if (extensions === undefined || typeof status !== 'number' || status < 400 || status >= 500) {
    logger.error({ err: error }, 'unexpected error while identifying a caller');
    writeJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    return;
  }
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  const { http: _, ...rest } = extensions;
  writeJson(res, status, { errors: [{ message: (error as Error).message, extensions: rest }] });
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
