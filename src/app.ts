import 'reflect-metadata';
import type { RequestListener } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticate';
import { chargeOncePerOperation, createRateLimits } from './auth/rate-limit';
import type { Config } from './config';
import type { GatewayContext } from './graphql/context';
import { auditMutations } from './graphql/audit';
import { observeRootFields } from './graphql/root-fields';
import { createOpenAccountLoaders } from './graphql/open-account/open-account.loader';
import { operationLimits } from './graphql/operation-limits';
import { buildGatewaySchema } from './graphql/schema';
import { sendJson } from './http/request-handler';
import { textRoute } from './http/text-route';
import { Metrics } from './observability/metrics';
import { startGatewayServer } from './server';
import { demoCredentials, startSimulator, type Simulator } from './simulator';
import { openStore, RedisStore } from './stores';
import { createWeChat } from './wechat';
import { Deadline } from './wechat/deadline';

export interface App {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The embedded simulator, when no real WeChat is configured. */
  readonly simulator: Simulator | undefined;
  stop(): Promise<void>;
}

/** An operation's deadline timer must not outlive the operation (src/wechat/deadline.ts). */
const endDeadlines: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        contextValue.deadline.end();
      },
    };
  },
};

/** Where WeChat pushes the platform's verify ticket and authorisation events. */
export const COMPONENT_CALLBACK_PATH = '/wechat/component/callback';
/** WeChat's pushes are a few hundred bytes; anything near this is not WeChat. */
const COMPONENT_CALLBACK_MAX_BYTES = 64 * 1024;

const OPEN_WARNING = 'NO AUTHENTICATION CONFIGURED: anyone who can reach this gateway can change every account (development only).';

/** Starts everything the configuration asks for; `stop` undoes it in reverse order. */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  let simulator: Simulator | undefined;
  let baseUrls = config.wechat.baseUrls;
  let apps = config.wechat.apps;
  if (baseUrls === 'simulator') {
    simulator = await startSimulator({ port: config.simulatorPort, seed: true });
    baseUrls = [simulator.url];
    if (apps.size === 0) apps = new Map(Object.entries(demoCredentials()));
    logger.warn(
      { simulator: simulator.url, apps: [...apps.keys()] },
      '*** NO REAL WECHAT CONFIGURED: using the embedded WeChat simulator with demo data. Set WECHAT_API_BASE (and WECHAT_APPS) to call WeChat. ***',
    );
  }
  const metrics = new Metrics(() => wechat.load());
  const store = await openStore({ redis: config.redis, redisKeyPrefix: config.store.redisKeyPrefix, redisDurability: config.store.redisDurability, stateFile: config.store.stateFile, logger });
  const wechat = createWeChat({ ...config.wechat, baseUrls, apps, logger, observer: metrics, store });
  const componentCallback = wechat.componentCallback;
  let stopping = false;
  const authenticator = createAuthenticator(config.auth, logger);
  if (authenticator.open) {
    logger.warn(`*** ${OPEN_WARNING} Set AUTH_JWT_SECRET, AUTH_JWKS_URL or AUTH_API_KEYS_FILE to require callers. ***`);
  }
  // One Redis connection for the store and the rate limits (which fall back to memory when it is down).
  const rateLimits = createRateLimits(config.rateLimits, logger, store instanceof RedisStore ? store.redis : undefined);
  const limits = operationLimits(config.operationLimits);
  const schema = await buildGatewaySchema({ maxEntityRepresentations: config.maxEntityRepresentations });
  observeRootFields(schema, [(event) => metrics.rootField(event), auditMutations(logger)]);
  const server = await startGatewayServer({
    schema,
    context: async (req) => {
      // Who is calling, and whether it may call now, before anything else is built.
      const caller = await authenticator.authenticate(req.headers);
      await rateLimits.chargeCaller(caller.id);
      // One deadline for the whole operation: retries, reads and verification included.
      const deadline = new Deadline(config.operationTimeoutMs);
      const openAccounts = wechat.openAccounts.withDeadline(deadline);
      return {
        openAccounts,
        loaders: createOpenAccountLoaders(openAccounts, config.wechat.readConcurrency),
        caller,
        chargeAppid: chargeOncePerOperation(rateLimits),
        deadline,
      };
    },
    logger,
    host: config.host,
    port: config.port,
    explorer: config.explorer,
    development: config.env === 'development',
    maxBodyBytes: config.maxBodyBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    plugins: [metrics.apolloPlugin(), endDeadlines, ...limits.plugins],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    maxRecursiveSelections: limits.maxRecursiveSelections,
    ...(authenticator.open ? { landingPageWarning: OPEN_WARNING } : {}),
    routes: new Map<string, RequestListener>([
      ['/metrics', async (_, res) => {
        res.setHeader('content-type', metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
      }],
      // Ready while not stopping: a load balancer stops sending before connections close.
      ['/readyz', (_, res) => sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ready' })],
      // Third-party platform mode: WeChat's pushes (verify ticket, authorisations), XML, small.
      ...(componentCallback === undefined ? [] : [[COMPONENT_CALLBACK_PATH, textRoute(COMPONENT_CALLBACK_MAX_BYTES, (query, body) => componentCallback.handle(query, body))] as const]),
    ]),
  });
  logger.info({ url: server.url, explorer: config.explorer, credentialStore: store.kind, platform: config.wechat.component?.appid }, 'gateway ready');
  return {
    url: server.url,
    simulator,
    async stop() {
      // Not ready at once, but still serving for SHUTDOWN_DELAY_MS: a load balancer (or
      // Kubernetes' endpoints) goes on sending for a while after a stop begins, and those
      // requests must be answered, not refused. Only then does the drain below close the listener.
      stopping = true;
      if (config.shutdownDelayMs > 0) {
        logger.info({ shutdownDelayMs: config.shutdownDelayMs }, 'not ready; serving on until the shutdown delay has passed');
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      }
      logger.info('draining: no new connections, waiting for operations in flight');
      await server.stop();
      await wechat.close();
      await store.close();
      await simulator?.close();
    },
  };
}
