import 'reflect-metadata';
import { setMaxListeners } from 'node:events';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createOpenAccountLoaders } from './graphql/open-account/open-account.loader';
import { buildGatewaySchema } from './graphql/schema';
import { sendJson } from './http/request-handler';
import { Metrics } from './observability/metrics';
import { startGatewayServer } from './server';
import { demoCredentials, startSimulator, type Simulator } from './simulator';
import { createWeChat } from './wechat';

export interface App {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The embedded simulator, when no real WeChat is configured. */
  readonly simulator: Simulator | undefined;
  stop(): Promise<void>;
}

function operationDeadline(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms);
  // Every upstream call of the operation listens to it; 100 entities means 100 listeners.
  setMaxListeners(0, signal);
  return signal;
}

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
  const wechat = createWeChat({ ...config.wechat, baseUrls, apps, logger, observer: metrics });
  let stopping = false;
  const server = await startGatewayServer({
    schema: await buildGatewaySchema({ maxEntityRepresentations: config.maxEntityRepresentations }),
    context: () => {
      // One deadline for the whole operation: retries, reads and verification included.
      const openAccounts = wechat.openAccounts.withDeadline(operationDeadline(config.operationTimeoutMs));
      return { openAccounts, loaders: createOpenAccountLoaders(openAccounts, config.wechat.readConcurrency) };
    },
    logger,
    host: config.host,
    port: config.port,
    explorer: config.explorer,
    development: config.env === 'development',
    maxBodyBytes: config.maxBodyBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    plugins: [metrics.apolloPlugin()],
    routes: new Map<string, RequestListener>([
      ['/metrics', async (_, res) => {
        res.setHeader('content-type', metrics.registry.contentType);
        res.end(await metrics.registry.metrics());
      }],
      // Ready while not stopping: a load balancer stops sending before connections close.
      ['/readyz', (_, res) => sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ready' })],
    ]),
  });
  logger.info({ url: server.url, explorer: config.explorer }, 'gateway ready');
  return {
    url: server.url,
    simulator,
    async stop() {
      stopping = true;
      await server.stop();
      await wechat.close();
      await simulator?.close();
    },
  };
}
