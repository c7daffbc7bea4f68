import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from './graphql/context';
import type { FrontDoorOptions } from './http/front-door';
import { createRequestHandler } from './http/request-handler';
import { createLimitedServer, type HttpServerLimits } from './http/server-limits';

export interface GatewayServerOptions {
  readonly schema: GraphQLSchema;
  /** Builds an operation's context; throws a GraphQLError (e.g. UNAUTHENTICATED) to refuse it. */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  readonly logger: Logger;
  readonly host: string | undefined;
  readonly port: number;
  /** Apollo Sandbox at / and introspection. */
  readonly explorer: boolean;
  readonly development: boolean;
  readonly maxBodyBytes: number;
  /** How long a stop waits for operations in flight before closing their connections. */
  readonly shutdownGraceMs: number;
  readonly plugins?: readonly ApolloServerPlugin<GatewayContext>[];
  readonly routes?: ReadonlyMap<string, RequestListener>;
  /** Operation limits checked before execution (src/graphql/operation-limits.ts). */
  readonly validationRules?: readonly ValidationRule[];
  readonly parseOptions?: ParseOptions;
  readonly maxRecursiveSelections?: number;
  /** A warning shown at the top of the landing page (open development mode). */
  readonly landingPageWarning?: string;
  /** Connection cap and client timeouts (src/http/server-limits.ts). */
  readonly limits: HttpServerLimits;
  /** Identification and admission before a GraphQL request's body is read (src/http/front-door.ts). */
  readonly frontDoor?: FrontDoorOptions;
}

export interface GatewayServer {
  readonly url: string;
  readonly httpServer: Server;
  stop(): Promise<void>;
}

/** Error codes whose message is written for the client; any other error's message is hidden. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
]);

/** Assembles Apollo Server (schema, plugins, error masking) behind the HTTP front and listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const httpServer = createLimitedServer(options.limits);
  const apollo = new ApolloServer<GatewayContext>({
    schema: options.schema,
    introspection: options.explorer,
    validationRules: [...(options.validationRules ?? [])],
    ...(options.parseOptions ? { parseOptions: options.parseOptions } : {}),
    ...(options.maxRecursiveSelections ? { maxRecursiveSelections: options.maxRecursiveSelections } : {}),
    includeStacktraceInErrorResponses: options.development,
    // The process entry (src/main.ts) owns SIGTERM/SIGINT. Apollo's own handler (on outside
    // NODE_ENV=test) would re-raise the signal as soon as Apollo had stopped, killing the process
    // before the rest of the stop (upstream pools, the store, log lines still buffered) and with
    // a signal's exit status instead of 0.
    stopOnTerminationSignals: false,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownGraceMs }),
      // The schema declares no @cacheControl hints, and the plugin's per-field hook would make
      // Apollo wrap every resolver and compute a cache policy for every field of every request.
      ApolloServerPluginCacheControlDisabled(),
      ...(options.plugins ?? []),
      options.explorer
        ? withWarning(ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }), options.landingPageWarning)
        : ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: (formatted, error) => maskInternalError(formatted, error, logger),
  });
  await apollo.start();
  httpServer.on(
    'request',
    createRequestHandler({
      apollo,
      logger,
      maxBodyBytes: options.maxBodyBytes,
      context: options.context,
      ...(options.routes ? { routes: options.routes } : {}),
      ...(options.frontDoor ? { frontDoor: options.frontDoor } : {}),
      landingPage: options.explorer,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    httpServer,
    // Stops accepting, lets operations in flight finish within the grace period, then closes.
    stop: () => apollo.stop(),
  };
}

/**
 * A bug must not leak internals (paths, hostnames, library messages) to clients: errors that are
 * not client errors are logged in full and answered with a generic message.
 */
function maskInternalError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error in a GraphQL operation');
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, ...(formatted.path ? { path: formatted.path } : {}) };
}

/** The landing page with a warning banner above it, e.g. that the gateway runs without authentication. */
function withWarning(plugin: ApolloServerPlugin, warning: string | undefined): ApolloServerPlugin {
  if (warning === undefined) return plugin;
  // No inline style: the landing page's Content-Security-Policy allows only its own styles.
  const banner = `<p role="alert"><strong>&#9888; ${escapeHtml(warning)}</strong></p>`;
  return {
    ...plugin,
    async serverWillStart(service) {
      const listener = await plugin.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (render === undefined) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const html = typeof page.html === 'string' ? page.html : await page.html();
          return { html: html.replace(/<body([^>]*)>/i, (body) => `${body}${banner}`) };
        },
      };
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
