import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticate';
import type { Caller } from './auth/caller';
import { createRateLimits } from './auth/rate-limit';
import type { Config } from './config';
import { auditMutations } from './graphql/audit';
import { createContextFactory, endDeadlines } from './graphql/context';
import { operationLimits } from './graphql/operation-limits';
import { observeRootFields } from './graphql/root-fields';
import { buildGatewaySchema } from './graphql/schema';
import { Admission } from './http/admission';
import { admissionMetrics } from './http/admission-metrics';
import { startGatewayServer } from './http/apollo-server';
import { serviceRoutes } from './http/routes';
import { Metrics } from './observability/metrics';
import { demoCredentials, startSimulator, type Simulator } from './simulator';
import { openStore, RedisStore } from './stores';
import { createWeChat } from './wechat';

export interface App {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The embedded simulator, when no real WeChat is configured. */
  readonly simulator: Simulator | undefined;
  stop(): Promise<void>;
}

const OPEN_WARNING = 'NO AUTHENTICATION CONFIGURED: anyone who can reach this gateway can change every account (development only).';

/**
 * The composition root: the one place that knows every layer. It builds them bottom up (store →
 * WeChat → authentication and limits → schema and context → HTTP front), and `stop` undoes it
 * top down.
 */
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
  const metrics = new Metrics();
  const store = await openStore({ ...config.store, logger });
  const wechat = createWeChat({ ...config.wechat, baseUrls, apps, logger, observer: metrics, store });
  metrics.trackUpstreamLoad(() => wechat.load());
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
  const context = createContextFactory({
    authenticator,
    rateLimits,
    openAccounts: wechat.openAccounts,
    readConcurrency: config.wechat.readConcurrency,
    operationTimeoutMs: config.operationTimeoutMs,
  });
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
    context: (req) => context(req.headers, callers.get(req)),
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
    routes: serviceRoutes({ metrics, stopping: () => stopping, componentCallback: wechat.componentCallback }),
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
