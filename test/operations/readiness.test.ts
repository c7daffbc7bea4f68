import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { DEMO_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { startTestGateway, type TestGateway } from '../support/gateway';

const REDIS_SERVER = execFileSync('which', ['redis-server'], { encoding: 'utf8' }).trim();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 50, retryStrategy: () => 20 });
  try {
    await client.ping();
  } finally {
    client.disconnect();
  }
  return child;
}

/** Polls until `check` holds; the attempts are counted, not timed. */
async function eventually(check: () => Promise<boolean>, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/**
 * Issue 13, finding 4: with Redis down /readyz stayed 200 while every call answered
 * CredentialStoreUnavailableError, so a load balancer kept sending traffic to a replica that
 * could not serve it.
 */
describe('Operations: /readyz follows the credential store', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: true });
    port = await freePort();
    redis = await startRedis(port);
    gateway = await startTestGateway({ simulator, env: { WECHAT_APPS: JSON.stringify(demoCredentials()), REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await gateway.stop();
    redis.kill('SIGKILL');
    await simulator.close();
  });

  const readyz = async () => {
    const response = await gateway.send({ method: 'GET', path: '/readyz' });
    return { status: response.status, body: JSON.parse(response.text) as { status: string } };
  };
  const read = async (appid: string = DEMO_ACCOUNTS.acmeCoffeeOA.appid) =>
    JSON.parse((await gateway.send({ body: JSON.stringify({ query: `{ openAccount(appid: "${appid}") { __typename } }` }), headers: { 'content-type': 'application/json' } })).text) as { data: { openAccount: { __typename: string } } };

  it('is 503 while Redis is unreachable and 200 again once it is back', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await read()).data.openAccount.__typename).toBe('OpenAccount');

    redis.kill('SIGKILL');
    expect(await eventually(async () => (await readyz()).status === 503)).toBe(true);
    expect((await readyz()).body).toEqual({ status: 'credential store unavailable' });
    // An appid whose token this process does not hold yet needs the store: it cannot be served.
    expect((await read(DEMO_ACCOUNTS.acmeCoffeeMP.appid)).data.openAccount.__typename).toBe('CredentialStoreUnavailableError');

    redis = await startRedis(port);
    expect(await eventually(async () => (await readyz()).status === 200)).toBe(true);
    expect(await eventually(async () => (await read()).data.openAccount.__typename === 'OpenAccount')).toBe(true);
  }, 30_000);
});
