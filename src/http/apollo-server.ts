import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from '../graphql/context';
import { maskInternalError } from './error-masking';
import type { FrontDoorOptions } from './front-door';
import { withWarning } from './landing-page';
import { corsOptions, type CorsConfig } from './cors';
import { createRequestHandler } from './request-handler';
import { explainCsrfRefusal } from './csrf-refusal';
import { createLimitedServer, type HttpServerLimits } from './server-limits';

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
  /** Which browser origins may call (CORS_ORIGINS), and Access-Control-Max-Age. */
  readonly cors?: CorsConfig;
  /** How long a stop waits for operations in flight before closing their connections. */
  readonly shutdownGraceMs: number;
  readonly plugins?: readonly ApolloServerPlugin<GatewayContext>[];
  /** Whether requests are recorded as spans (off when no tracing is configured). */
  readonly traced?: boolean;
  readonly routes?: ReadonlyMap<string, RequestListener>;
  /** Operation limits checked before execution (src/graphql/operation-limits.ts). */
  readonly validationRules?: readonly ValidationRule[];
  readonly parseOptions?: ParseOptions;
  readonly maxRecursiveSelections?: number;
  /** Rewrites every error of a response before the masking of internal errors (operation limits hide field suggestions). */
  readonly formatError?: (formatted: GraphQLFormattedError) => GraphQLFormattedError;
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
    formatError: (formatted, error) => maskInternalError(explainCsrfRefusal(options.formatError?.(formatted) ?? formatted), error, logger),
  });
  await apollo.start();
  httpServer.on(
    'request',
    createRequestHandler({
      apollo,
      logger,
      maxBodyBytes: options.maxBodyBytes,
      ...(options.cors ? { cors: corsOptions(options.cors) } : {}),
      context: options.context,
      ...(options.routes ? { routes: options.routes } : {}),
      ...(options.frontDoor ? { frontDoor: options.frontDoor } : {}),
      landingPage: options.explorer,
      traced: options.traced,
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
