import 'reflect-metadata';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createOpenAccountLoaders } from './graphql/open-account/open-account.loader';
import { buildGatewaySchema } from './graphql/schema';
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
  const wechat = createWeChat({ ...config.wechat, baseUrls, apps, logger });
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
  });
  logger.info({ url: server.url, explorer: config.explorer }, 'gateway ready');
  return {
    url: server.url,
    simulator,
    async stop() {
      await server.stop();
      await wechat.close();
      await simulator?.close();
    },
  };
}
