import { print } from 'graphql';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, startSimulator, type Simulator } from '../../src/simulator';
import { OpenAccountDocument } from '../../client';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { addPlatform, callbackUrlOf, newPlatform, platformEnv, type TestPlatform } from '../support/platform';
import { eventually, RedisProcess, tempDir } from '../support/redis-server';

const { acmeCoffeeOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const BUILD = process.env['TEST_GATEWAY_BUILD']!;
const NAME = 'gateway-test';
const PREFIX = 'sentinel-test:';

/** One openAccount call: the union member's name ('OpenAccount' only with the right open account), or what went wrong instead. */
async function openAccount(gateway: GatewayProcess): Promise<string> {
  const response = await request(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(OpenAccountDocument), variables: { appid: acmeCoffeeOA.appid } }) });
  const text = await response.body.text();
  if (response.statusCode !== 200) return `HTTP ${response.statusCode}: ${text}`;
  const result = (JSON.parse(text) as { data?: { openAccount?: { __typename: string; openAppid?: string } } }).data?.openAccount;
  if (result?.__typename === 'OpenAccount') return result.openAppid === ACME_OPEN ? 'OpenAccount' : `wrong open account ${result.openAppid}`;
  if (result?.__typename === 'OtherWeChatError') return `OtherWeChatError ${text}`;
  return result?.__typename ?? `no data: ${text}`;
}

async function masterPort(sentinel: RedisProcess): Promise<number> {
  const [, port] = (await sentinel.command('SENTINEL', 'get-master-addr-by-name', NAME)) as [string, string];
  return Number(port);
}

/**
 * A master, its replica and one Sentinel (quorum 1), all real processes with fast timeouts, and
 * two gateway replicas that find the master through Sentinel and make writes of data wait for
 * one replica (REDIS_WAIT_REPLICAS=1). The master is killed: Sentinel promotes the replica, and
 * the gateways go on from there.
 */
describe('Redis Sentinel failover under two gateway replicas', () => {
  let sim: Simulator;
  let platform: TestPlatform;
  let master: RedisProcess;
  let replica: RedisProcess;
  let sentinel: RedisProcess;
  let gateways: GatewayProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: true });
    master = await RedisProcess.start({ args: ['--appendonly', 'yes'] });
    replica = await RedisProcess.start({ args: ['--appendonly', 'yes', '--replicaof', '127.0.0.1', String(master.port)] });
    await eventually('the replica in sync', async () => (await replica.info('replication')).get('master_link_status') === 'up');
    sentinel = await RedisProcess.start({
      dir: tempDir('sentinel'),
      sentinelConfig: [
        `sentinel monitor ${NAME} 127.0.0.1 ${master.port} 1`,
        `sentinel down-after-milliseconds ${NAME} 500`,
        `sentinel failover-timeout ${NAME} 3000`,
        '',
      ].join('\n'),
    });
    await eventually('Sentinel knowing the replica', async () => ((await sentinel.command('SENTINEL', 'replicas', NAME)) as unknown[]).length === 1);

    platform = newPlatform();
    env = {
      ...platformEnv(platform),
      WECHAT_API_BASE: sim.url,
      REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
      REDIS_SENTINEL_NAME: NAME,
      REDIS_KEY_PREFIX: PREFIX,
      REDIS_WAIT_REPLICAS: '1',
      REDIS_WAIT_TIMEOUT_MS: '2000',
    };
    gateways = await Promise.all([0, 1].map(() => spawnGateway(env, BUILD)));
    addPlatform(sim, platform, callbackUrlOf(gateways[0]!.url));
  }, 60_000);

  afterAll(async () => {
    // Throwaway processes: a gateway still running here has failed the last test already.
    for (const g of gateways) if (g.child.exitCode === null) g.child.kill('SIGKILL');
    await Promise.all([sentinel, master, replica].map((r) => r?.kill()));
    await sim.close();
  });

  it('the master dies: calls get CredentialStoreUnavailableError until the replica is promoted, then work, with the data written before', async () => {
    // Data, acknowledged only once the replica has it.
    expect(await sim.pushes.pushTicket()).toMatchObject({ status: 200, text: 'success' });
    expect(await sim.pushes.authorize(acmeCoffeeOA.appid)).toEqual({ status: 200, text: 'success' });
    expect(await Promise.all(gateways.map(openAccount))).toEqual(['OpenAccount', 'OpenAccount']);

    // Every token WeChat issued is dead from now on, so every call needs the store.
    sim.state.expireTokens();
    await master.kill();
    const seen: string[] = [];
    const served = new Set<number>();
    for (let i = 0; served.size < gateways.length; i++) {
      if (i > 2_000) {
        const stuck = gateways.filter((_, n) => !served.has(n)).map((g) => g.lines.filter((line) => line.includes('store')).slice(-8).join('\n'));
        throw new Error(`no recovery after ${i} calls: ${[...new Set(seen)].join(', ')}\n${stuck.join('\n---\n')}`);
      }
      const answer = await openAccount(gateways[i % gateways.length]!);
      seen.push(answer);
      if (answer === 'OpenAccount') served.add(i % gateways.length);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Never a false success, a crash or anything but the store-unavailable answer meanwhile.
    expect(new Set(seen)).toEqual(new Set(['CredentialStoreUnavailableError', 'OpenAccount']));
    expect(seen[0]).toBe('CredentialStoreUnavailableError');
    expect(gateways.map((g) => g.child.exitCode)).toEqual([null, null]); // neither crashed
    expect(await masterPort(sentinel)).toBe(replica.port);

    // The ticket and refresh token written before the failover are on the promoted replica...
    expect(await replica.command('HEXISTS', `${PREFIX}refresh:${platform.componentAppid}`, acmeCoffeeOA.appid)).toBe(1);
    expect(await replica.command('EXISTS', `${PREFIX}ticket:${platform.componentAppid}`)).toBe(1);
    // ...and serve: a new replica (nothing in its memory), every token dead again, so one
    // component token fetch from the stored ticket and one authorizer token fetch from the
    // stored refresh token.
    const fresh = await spawnGateway(env, BUILD);
    gateways.push(fresh);
    sim.state.expireTokens();
    sim.counters.reset();
    expect(await openAccount(fresh)).toBe('OpenAccount');
    expect(sim.counters.componentTokenFetches()).toBe(1);
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1);
  }, 60_000);

  it('after the failover the refresh lock still gives one token fetch across the replicas', async () => {
    // Each replica first takes up the current token (the older ones still held were refused by now).
    expect(await Promise.all(gateways.map(openAccount))).toEqual(gateways.map(() => 'OpenAccount'));
    // The merchant's token dies (the platform's stays good): its replicas refresh it once.
    sim.state.expireTokens(acmeCoffeeOA.appid);
    sim.counters.reset();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => openAccount(gateways[i % gateways.length]!)));
    const counts: Record<string, number> = {};
    for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
    expect(counts).toEqual({ OpenAccount: 60 });
    expect(sim.counters.authorizerTokenFetches(acmeCoffeeOA.appid)).toBe(1);
  });

  it('with no replica left a write of data is refused (WeChat pushes again); once the old master is back as a replica it is stored', async () => {
    // The promoted master has no replica: the ticket cannot be made durable, so it is not acknowledged.
    expect(await sim.pushes.pushTicket()).toMatchObject({ status: 503 });
    const notDurable = (line: string) => line.includes('a write of data is not durable');
    expect((await gateways[0]!.logged(notDurable)).some(notDurable)).toBe(true);

    // The old master restarts; Sentinel makes it a replica of the new one.
    master = await master.restart();
    await eventually('the old master replicating from the promoted one', async () => {
      const info = await master.info('replication');
      return info.get('role') === 'slave' && info.get('master_port') === String(replica.port) && info.get('master_link_status') === 'up';
    }, 30_000);
    // ...and the promoted master counts it as an online replica (WAIT counts only those).
    await eventually('the promoted master seeing its replica online', async () => /state=online/.test((await replica.info('replication')).get('slave0') ?? ''));
    const pushed = await sim.pushes.pushTicket();
    expect(pushed).toMatchObject({ status: 200, text: 'success' });
    // Acknowledged only once a replica had it: the old master, now a replica, holds it.
    const stored = JSON.parse(String(await master.command('GET', `${PREFIX}ticket:${platform.componentAppid}`))) as { value: string };
    expect(stored.value).toBe(pushed.ticket);
  }, 60_000);

  it('SIGTERM still stops each gateway cleanly (exit 0) after the failover', async () => {
    for (const g of gateways) g.child.kill('SIGTERM');
    const exits = await Promise.race([Promise.all(gateways.map((g) => g.exited)), new Promise((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000).unref())]);
    expect(exits).toEqual(gateways.map(() => 0));
  }, 30_000);
});
