import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { createAuthenticator } from './auth/authenticate';
import type { Caller } from './auth/caller';
import { createRateLimits } from './auth/rate-limit';
import type { Config } from './config';
import { auditMutations } from './graphql/audit';
import { createCallerIdentifier, createContextFactory } from './graphql/context';
import { operationLimits } from './graphql/operation-limits';
import { operationSpanPlugin, recordRootFieldOnSpan } from './graphql/operation-span';
import { inlineTracesForRouters } from './graphql/federation-access';
import { operationPlugin } from './graphql/operation-plugin';
import { observeRootFields } from './graphql/root-fields';
import { buildGatewaySchema } from './graphql/schema';
import { Admission } from './http/admission';
import { admissionMetrics } from './http/admission-metrics';
import { startGatewayServer } from './http/apollo-server';
import { idempotencyPlugin } from './http/idempotency/idempotency-plugin';
import { clientAddress } from './http/client-address';
import { startMetricsServer, type MetricsServer } from './http/metrics-server';
import { serviceRoutes } from './http/routes';
import { Metrics } from './observability/metrics';
import type { Simulator } from './simulator';
import { openStore, tracedStore } from './stores';
import { createWeChat } from './wechat';

export interface App {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The embedded simulator, when no real WeChat is configured. */
  readonly simulator: Simulator | undefined;
  /** /metrics, on its own port (METRICS_PORT) or on the GraphQL port. */
  readonly metricsUrl: string;
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
    // Only ever outside production (config never names the simulator there), so its control surface too.
    // Loaded only here: a gateway calling WeChat carries neither the simulator nor the undici it
    // pushes with (about 20 MB resident; the WeChat wire has its own undici, in its thread).
    const { demoCredentials, startSimulator } = require('./simulator') as typeof import('./simulator');
    simulator = await startSimulator({ port: config.simulatorPort, seed: true, control: config.env !== 'production' });
    baseUrls = [simulator.url];
    if (apps.size === 0) apps = new Map(Object.entries(demoCredentials()));
    logger.warn(
      { simulator: simulator.url, apps: [...apps.keys()] },
      '*** NO REAL WECHAT CONFIGURED: using the embedded WeChat simulator with demo data. Set WECHAT_API_BASE (and WECHAT_APPS) to call WeChat. ***',
    );
    if (simulator.controlUrl) logger.info({ scenarios: simulator.controlUrl }, `WeChat scenarios on demand (busy, 45009, HTTP 500, drops, hangs, expired tokens, reset): ${simulator.controlUrl}`);
  }
  const metrics = new Metrics();
  const { store, redis } = await openStore({ ...config.store, logger });
  // With tracing on, every round trip of the WeChat layer and the idempotency records is a span;
  // off, nothing builds spans for OpenTelemetry's no-op tracer.
  const tracing = config.tracing !== undefined;
  const traced = tracing ? tracedStore(store) : store;
  const wechat = createWeChat({ ...config.wechat, baseUrls, apps, logger, observer: metrics, store: traced, traced: tracing });
  metrics.trackUpstreamLoad(() => wechat.load());
  if (config.wechat.component !== undefined) metrics.trackTicketAge(() => wechat.ticketAgeSeconds());
  let stopping = false;

  const authenticator = createAuthenticator(config.auth, logger);
  if (authenticator.open) {
    logger.warn(`*** ${OPEN_WARNING} Set AUTH_JWT_SECRET, AUTH_JWKS_URL or AUTH_API_KEYS_FILE to require callers. ***`);
  } else if (config.env !== 'production') {
    // Authentication says "deployed"; NODE_ENV says otherwise: the production checks (JWKS issuer
    // and audience, no explorer by default, no simulator) are not all on.
    logger.warn(
      { nodeEnv: config.env, explorer: config.explorer },
      `*** AUTHENTICATION IS CONFIGURED BUT NODE_ENV IS "${config.env}", NOT "production": production's start-up checks are off${config.explorer ? ' and introspection is on' : ''}. Set NODE_ENV=production when this gateway is deployed. ***`,
    );
  }
  // One Redis connection for the store and the rate limits (which fall back to memory when it is down).
  const rateLimits = createRateLimits(config.rateLimits, logger, redis);
  const limits = operationLimits(config.operationLimits);
  const schema = await buildGatewaySchema({ maxEntityRepresentations: config.maxEntityRepresentations });
  observeRootFields(schema, [(event) => metrics.rootField(event), auditMutations(logger), ...(tracing ? [recordRootFieldOnSpan] : [])]);
  const context = createContextFactory({
    authenticator,
    rateLimits,
    openAccounts: wechat.openAccounts,
    quota: wechat.quota,
    requests: wechat.requests,
    readConcurrency: config.wechat.readConcurrency,
    operationTimeoutMs: config.operationTimeoutMs,
  });
  // Who is calling, and whether it may call now, from the headers alone: the front door asks
  // before the body is read (to queue the request in its caller's lane), the context reuses it.
  const callers = new WeakMap<IncomingMessage, Caller>();
  const identifyCaller = createCallerIdentifier({ authenticator, rateLimits });
  const identify = async (req: IncomingMessage): Promise<Caller> => {
    const caller = await identifyCaller(req.headers, clientAddress(req, config.trustedProxyCount));
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
    context: (req) => context(req.headers, clientAddress(req, config.trustedProxyCount), callers.get(req)),
    logger,
    host: config.host,
    port: config.port,
    explorer: config.explorer,
    // Stack traces of internal errors only in open development mode: authentication configured
    // means a deployment, whatever NODE_ENV says (client errors never carry one).
    development: config.env === 'development' && authenticator.open,
    maxBodyBytes: config.maxBodyBytes,
    cors: config.cors,
    limits: config.http,
    frontDoor: { identify, admission, logger },
    traced: tracing,
    shutdownGraceMs: config.shutdownGraceMs,
    plugins: [
      metrics.apolloPlugin(),
      idempotencyPlugin({ ...config.idempotency, store: traced, operationTimeoutMs: config.operationTimeoutMs, logger, observe: (outcome) => metrics.idempotentRequest(outcome) }),
      operationPlugin({ maxRepresentations: config.maxEntityRepresentations, maxReads: config.maxOperationReads }),
      inlineTracesForRouters(),
      ...(tracing ? [operationSpanPlugin] : []),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    maxRecursiveSelections: limits.maxRecursiveSelections,
    formatError: limits.formatError,
    ...(authenticator.open ? { landingPageWarning: OPEN_WARNING } : {}),
    routes: serviceRoutes({
      metrics: config.metricsPort === undefined ? metrics : undefined,
      stopping: () => stopping,
      storeAvailable: () => store.available(),
      componentCallback: wechat.componentCallback,
      logger,
      limitCallback: { charge: (address) => rateLimits.chargeCallback(address), trustedProxies: config.trustedProxyCount },
    }),
  });
  const metricsServer: MetricsServer | undefined =
    config.metricsPort === undefined ? undefined : await startMetricsServer({ metrics, port: config.metricsPort, host: config.host });
  const metricsUrl = metricsServer?.url ?? new URL('/metrics', server.url).toString();
  logger.info({ url: server.url, metrics: metricsUrl, explorer: config.explorer, credentialStore: store.kind, platform: config.wechat.component?.appid }, 'gateway ready');
  // Now that the callback is served, the platform may ask WeChat to push its verify ticket.
  wechat.start();
  return {
    url: server.url,
    simulator,
    metricsUrl,
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
      admission.close();
      await metricsServer?.close();
      await wechat.close();
      await store.close();
      await simulator?.close();
    },
  };
}
