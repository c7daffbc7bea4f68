/** The demo data does what the README says it does. */
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, startSimulator, type Simulator } from '../../src/simulator';
import { get, post, stableToken } from './http';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: true });
});
afterAll(() => sim.close());

const tokenOf = (a: { appid: string; secret: string }) => stableToken(sim, a.appid, a.secret);

it('uses WeChat-looking fixed ids and secrets, all distinct', () => {
  const accounts = Object.values(DEMO_ACCOUNTS);
  for (const a of accounts) {
    expect(a.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(a.secret).toMatch(/^[0-9a-f]{32}$/);
  }
  for (const o of Object.values(DEMO_OPEN_ACCOUNTS)) expect(o.openAppid).toMatch(/^wxo[0-9a-f]{15}$/);
  expect(Object.keys(demoCredentials())).toHaveLength(accounts.length);
  expect(new Set(accounts.map((a) => a.secret)).size).toBe(accounts.length);
});

it('binds each account as listed', () => {
  for (const a of Object.values(DEMO_ACCOUNTS)) expect(sim.state.accounts.openAppidOf(a.appid)).toBe(a.boundTo);
});

it.each(Object.entries(DEMO_ACCOUNTS))('unbind for %s answers its documented errcode', async (_key, a) => {
  const answer = await post(sim, '/cgi-bin/open/unbind', { appid: a.appid, open_appid: a.unbind.openAppid }, await tokenOf(a));
  expect(answer.errcode).toBe(a.unbind.errcode);
});

it('the unbound account can be bound, but not to the console-made or a foreign open account', async () => {
  const own = await startSimulator({ seed: true });
  try {
    const a = DEMO_ACCOUNTS.acmeBakeryMP;
    const token = await stableToken(own, a.appid, a.secret);
    const bind = (openAppid: string) => post(own, '/cgi-bin/open/bind', { open_appid: openAppid }, token);
    expect((await post(own, '/cgi-bin/open/get', {}, token)).errcode).toBe(89002);
    expect((await bind(DEMO_OPEN_ACCOUNTS.acmeConsole.openAppid)).errcode).toBe(89036);
    expect((await bind(DEMO_OPEN_ACCOUNTS.boltBikesApi.openAppid)).errcode).toBe(89001);
    expect((await bind(DEMO_OPEN_ACCOUNTS.acmeApi.openAppid)).errcode).toBe(0);
    expect((await get(own, '/cgi-bin/open/have', { access_token: token })).have_open).toBe(true);
  } finally {
    await own.close();
  }
});

it('the unbound account can create its own open account', async () => {
  const own = await startSimulator({ seed: true });
  try {
    const a = DEMO_ACCOUNTS.acmeBakeryMP;
    const answer = await post(own, '/cgi-bin/open/create', {}, await stableToken(own, a.appid, a.secret));
    expect(answer.errcode).toBe(0);
    expect(own.state.accounts.openAppidOf(a.appid)).toBe(answer.open_appid);
  } finally {
    await own.close();
  }
});
