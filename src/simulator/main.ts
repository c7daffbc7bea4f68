/**
 * Standalone simulator with the demo data, for running the gateway by hand:
 * the gateway points its WeChat base URL here and takes WECHAT_APPS from what this prints.
 */
import { DEMO_ACCOUNTS, demoCredentials } from './seed';
import { startSimulator } from './simulator';

async function main(): Promise<void> {
  const port = Number(process.env.SIMULATOR_PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SIMULATOR_PORT must be a port number, got ${JSON.stringify(process.env.SIMULATOR_PORT)}`);
  }
  // The control surface is for development: never on when NODE_ENV says production.
  const sim = await startSimulator({ port, host: '127.0.0.1', seed: true, control: process.env.NODE_ENV !== 'production' });
  console.log(`WeChat simulator listening on ${sim.url}`);
  if (sim.controlUrl) console.log(`WeChat scenarios on demand: ${sim.controlUrl}`);
  console.log(`WECHAT_APPS='${JSON.stringify(demoCredentials())}'`);
  console.log('Demo accounts (unbind target -> errcode):');
  for (const a of Object.values(DEMO_ACCOUNTS)) {
    console.log(`  ${a.appid}  ${a.name.padEnd(30)} ${a.unbind.openAppid} -> ${a.unbind.errcode}`);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
