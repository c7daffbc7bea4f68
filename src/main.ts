import 'reflect-metadata';
import { startApp } from './app';
import { loadConfigOrExit } from './config';
import { asyncStdout, createLogger } from './observability/logger';
import { startTracing } from './observability/tracing';

/** Process entry: configuration, start, and a clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const stdout = asyncStdout();
  const logger = createLogger(config.logLevel, stdout);
  // Before anything serves: spans need the SDK (and its context manager) in place first.
  const tracing = config.tracing === undefined ? undefined : startTracing(config.tracing, logger);
  const app = await startApp(config, logger);
  const exit = (code: number) => {
    stdout.flushSync();
    process.exit(code);
  };
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    // The last spans (those of the drain) are exported before the process exits.
    app.stop().then(() => tracing?.shutdown()).then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
