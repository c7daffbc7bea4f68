import 'reflect-metadata';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticate';
import type { Caller } from './auth/caller';
import { chargeOncePerOperation, createRateLimits } from './auth/rate-limit';
import type { Config } from './config';
import type { GatewayContext } from './graphql/context';
import { auditMutations } from './graphql/audit';
import { observeRootFields } from './graphql/root-fields';
import { createOpenAccountLoaders } from './graphql/open-account/open-account.loader';
import { operationLimits } from './graphql/operation-limits';
import { buildGatewaySchema } from './graphql/schema';
import { Admission } from './http/admission';
import { admissionMetrics } from './http/admission-metrics';
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
  const store = await openStore({ redisUrl: config.redisUrl, redisKeyPrefix: config.store.redisKeyPrefix, stateFile: config.store.stateFile, logger });
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
  // Who is calling, and whether it may call now, from the headers alone: the front door asks
  // before the body is read (to queue the request in its caller's lane), the context reuses it.
  const callers = new WeakMap<IncomingMessage, Caller>();
  const identify = async (req: IncomingMessage): Promise<Caller> => {
    const caller = await authenticator.authenticate(req.headers);
    await rateLimits.chargeCaller(caller.id);
    callers.set(req, caller);
    return caller;
  };
  const admission = new Admission(config.admission, {
    logger,
    // Admitting more than the WeChat layer has slots for only moves the wait behind parsing.
    upstreamHasRoom: () => {
      const load = wechat.load();
      return load.queued === 0 && load.inFlight < config.wechat.maxInFlight;
    },
    observer: admissionMetrics(metrics.registry, () => admission.stats()),
  });
  const server = await startGatewayServer({
    schema,
    context: async (req) => {
      const caller = callers.get(req) ?? (await identify(req));
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
    limits: config.http,
    frontDoor: { identify, admission, logger },
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
      stopping = true;
      await server.stop();
      admission.close();
      await wechat.close();
      await store.close();
      await simulator?.close();
    },
  };
}
