import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import bodyParser from 'body-parser';
import cors, { type CorsOptions } from 'cors';
import type { Logger } from 'pino';
import { frontDoor, type FrontDoorOptions } from './front-door';
import { inRequestSpan } from './request-span';
import { setSecurityHeaders } from './security-headers';

/** Paths that serve GraphQL (and, in development, Apollo Sandbox on GET with Accept: text/html). */
const GRAPHQL_PATHS = new Set(['/', '/graphql']);

export interface RequestHandlerOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  /** Builds the operation's context from the request (authentication reads its headers). */
  readonly context: (req: IncomingMessage) => Promise<TContext>;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  /** Which browser origins may call (src/http/cors.ts); the cors package's default (`*`) without it. */
  readonly cors?: CorsOptions;
  /** Other paths the service answers (metrics, readiness, callbacks), each with its own handler. */
  readonly routes?: ReadonlyMap<string, RequestListener>;
  /** Identification and admission of GraphQL requests, before their body is read (src/http/front-door.ts). */
  readonly frontDoor?: FrontDoorOptions;
  /** Apollo Sandbox is served on GET with Accept: text/html; that page runs nothing and skips the front door. */
  readonly landingPage?: boolean;
  /** Requests in SERVER spans (request-span.ts); off when no tracing is configured. Default on. */
  readonly traced?: boolean;
}

/**
 * The HTTP front: Apollo Server on node:http, with the same pieces Apollo's standalone server
 * uses (cors, body-parser) plus the routes a service needs beside GraphQL. A client mistake at
 * the HTTP level (bad JSON, body too large, bad charset) gets its 4xx and a GraphQL-shaped error
 * body, never a stack trace.
 */
export function createRequestHandler<TContext extends BaseContext>(options: RequestHandlerOptions<TContext>): RequestListener {
  const corsHandler = cors(options.cors);
  const jsonParser = bodyParser.json({ limit: options.maxBodyBytes });

  const handle = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    const route = options.routes?.get(path);
    if (route !== undefined) {
      Promise.resolve(route(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error, path }, 'unexpected error in a route');
        if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
        else res.destroy();
      });
      return;
    }
    if (!GRAPHQL_PATHS.has(path)) {
      sendJson(res, 404, { errors: [{ message: `Not found: GraphQL is served at /graphql.`, extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    setSecurityHeaders(res);
    const serve = () =>
      jsonParser(req, res, (parseError?: unknown) => {
        if (parseError) return sendHttpError(res, parseError, options.logger);
        executeGraphQL(req, res, options).catch((error: unknown) => {
          options.logger.error({ err: error }, 'unexpected error while serving GraphQL');
          if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
          else res.destroy();
        });
      });
    corsHandler(req, res, (corsError?: unknown) => {
      if (corsError) return sendHttpError(res, corsError, options.logger);
      // Who is calling and whether it may run now are decided from the headers, before the body.
      if (options.frontDoor === undefined || (options.landingPage && isLandingPageRequest(req))) return serve();
      frontDoor(req, res, options.frontDoor, serve);
    });
  };

  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const graphql = GRAPHQL_PATHS.has(path);
    const known = graphql || path === '/healthz' || options.routes?.has(path) === true;
    if (options.traced === false) handle(req, res, path);
    else inRequestSpan(req, res, known ? path : undefined, graphql, () => handle(req, res, path));
  };
}

function isLandingPageRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

async function executeGraphQL<TContext extends BaseContext>(
  req: IncomingMessage,
  res: ServerResponse,
  options: RequestHandlerOptions<TContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const queryStart = req.url?.indexOf('?') ?? -1;
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: queryStart >= 0 ? req.url!.slice(queryStart) : '',
      body: (req as { body?: unknown }).body,
    },
    context: () => options.context(req),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** body-parser and cors errors carry the HTTP status that fits the client's mistake. */
function sendHttpError(res: ServerResponse, error: unknown, logger: Logger): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'Request body too large' : (error as Error).message;
    sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  logger.error({ err: error }, 'unexpected error while reading a request');
  sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
