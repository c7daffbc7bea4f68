import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from './graphql/context';
import { createRequestHandler } from './http/request-handler';

export interface GatewayServerOptions {
  readonly schema: GraphQLSchema;
  readonly context: () => GatewayContext;
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
]);

/** Assembles Apollo Server (schema, plugins, error masking) behind the HTTP front and listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const httpServer = createServer();
  const apollo = new ApolloServer<GatewayContext>({
    schema: options.schema,
    introspection: options.explorer,
    includeStacktraceInErrorResponses: options.development,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownGraceMs }),
      ...(options.plugins ?? []),
      options.explorer ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }) : ApolloServerPluginLandingPageDisabled(),
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
      context: async () => options.context(),
      ...(options.routes ? { routes: options.routes } : {}),
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
