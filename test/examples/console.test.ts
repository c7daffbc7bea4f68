/**
 * The example console (examples/console) in headless chromium, against the real gateway and
 * simulator over HTTP. The page is served from its own origin, so every GraphQL request is a
 * real cross-origin request with a CORS preflight. Each step asserts what the page shows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_APPS, DEMO_OPEN_APPIDS } from '../../examples/console/src/demo-apps';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, type Simulator } from '../../src/simulator';
import { launchBrowser } from '../support/browser';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';
import { serveStatic } from '../support/static-server';

const ROOT = join(__dirname, '../..');
const GET = '/cgi-bin/open/get';
const UNBIND = '/cgi-bin/open/unbind';
const { acmeCoffeeOA, acmeCoffeeMP, acmeBakeryMP, frozenFoodsOA, lockedOutOA } = DEMO_ACCOUNTS;
const ACME_OPEN = DEMO_OPEN_ACCOUNTS.acmeApi.openAppid;
const WAIT = { timeout: 15_000 };

describe('the example console in a real browser', () => {
  let dist: string;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let simulator: Simulator;
  let gateway: TestGateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  /** The Origin each GraphQL request carried, and the CORS header its answer carried. */
  const crossOrigin: Promise<{ origin: string | undefined; allowed: string | undefined }>[] = [];

  const harness = useHarness('all');
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'examples/console', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: 'pipe',
    });
    site = await serveStatic(dist);
    harness.adopt('console site', site.origin, site, () => site.close());
    // The console's origin listed as a production deployment would list it.
    ({ simulator, gateway } = await harness.demo({ CORS_ORIGINS: site.origin }));
    browser = await launchBrowser();
    harness.adopt('chromium', 'headless', browser, () => browser.close());
    page = await browser.context.newPage();
    page.on('response', (response) => {
      if (response.url() !== gateway.url) return;
      crossOrigin.push(response.request().allHeaders().then((sent) => ({ origin: sent['origin'], allowed: response.headers()['access-control-allow-origin'] })));
    });
    await page.goto(`${site.origin}/?gateway=${encodeURIComponent(gateway.url)}`);
  }, 60_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  beforeEach(() => {
    simulator.faults.clear();
    simulator.counters.reset();
  });

  const row = (appid: string): Locator => page.getByTestId(`app-${appid}`);
  const state = (appid: string) => row(appid).getByTestId('state');
  const outcome = (appid: string, typename: string) => row(appid).locator(`[data-testid=outcome][data-typename=${typename}]`);
  async function act(appid: string, action: 'bind' | 'unbind' | 'create', openAppid?: string): Promise<void> {
    if (openAppid !== undefined) await row(appid).getByTestId('target').selectOption(openAppid);
    await row(appid).getByTestId(action).click();
  }
  async function shown(locator: Locator): Promise<string> {
    await locator.waitFor(WAIT);
    return (await locator.textContent()) ?? '';
  }

  it('lists the demo apps with their open accounts, read across origins', async () => {
    expect(await shown(state(acmeCoffeeOA.appid).locator('[data-typename=OpenAccount]'))).toBe(`bound to ${ACME_OPEN}`);
    expect(await shown(state(acmeBakeryMP.appid).locator('[data-typename=OpenAccountNotBoundError]'))).toBe('not bound');
    // An account WeChat refuses to read (48001) shows the member and its message instead.
    expect(await shown(state(lockedOutOA.appid).locator('[data-typename=OtherWeChatError]'))).toMatch(/permission set/);
    expect(await page.locator('tbody tr').count()).toBe(DEMO_APPS.length);
    expect(new URL(gateway.url).origin).not.toBe(site.origin);
    // The browser sent its origin and let the page read the answer only because CORS allowed it.
    expect(await crossOrigin[0]).toEqual({ origin: site.origin, allowed: site.origin });
  });

  it('unbind: the success, and the row updates from the change\'s own answer (no refetch)', async () => {
    await act(acmeCoffeeOA.appid, 'unbind', ACME_OPEN);
    expect(await shown(outcome(acmeCoffeeOA.appid, 'UnbindOpenAccountSuccess'))).toContain(`unbound from ${ACME_OPEN}`);
    expect(await shown(state(acmeCoffeeOA.appid).locator('[data-typename=OpenAccountNotBoundError]'))).toBe('not bound');
    // One unbind and the one read of its success's `app`: the page did not read the list again.
    expect({ unbind: simulator.counters.calls(UNBIND), get: simulator.counters.calls(GET) }).toEqual({ unbind: 1, get: 1 });
  });

  it('a non-retryable WeChat error shows WeChat\'s answer and the fix, with no retry', async () => {
    await act(acmeCoffeeOA.appid, 'unbind', ACME_OPEN);
    const member = outcome(acmeCoffeeOA.appid, 'OpenAccountNotBoundError');
    expect(await shown(member.getByTestId('wechat'))).toMatch(/errcode 89002: “open not exists rid: [^”]+” \(request id /);
    expect(await shown(member.getByTestId('message'))).toBe('The account is not bound to that open platform account (or to any).');
    expect(await member.getByTestId('retry').count()).toBe(0);
    expect(await member.textContent()).toContain('Sending it again will not help');

    await act(frozenFoodsOA.appid, 'unbind', DEMO_OPEN_ACCOUNTS.frozenFoodsApi.openAppid);
    expect(await shown(outcome(frozenFoodsOA.appid, 'OpenAccountLimitExceededError').getByTestId('wechat'))).toContain('errcode 89004');
  });

  it('bind and create: each success shows, and the row follows', async () => {
    await act(acmeCoffeeOA.appid, 'bind', ACME_OPEN);
    expect(await shown(outcome(acmeCoffeeOA.appid, 'BindOpenAccountSuccess'))).toContain(`bound to ${ACME_OPEN}`);
    expect(await shown(state(acmeCoffeeOA.appid).getByTestId('open-appid'))).toBe(ACME_OPEN);

    await act(acmeBakeryMP.appid, 'create');
    await outcome(acmeBakeryMP.appid, 'CreateOpenAccountSuccess').waitFor(WAIT);
    const created = simulator.state.accounts.openAppidOf(acmeBakeryMP.appid);
    expect(created).toMatch(/^wxo/);
    expect(await shown(state(acmeBakeryMP.appid).getByTestId('open-appid'))).toBe(created);
    expect(simulator.counters.calls(GET)).toBe(2);
  });

  it('a retryable error (WeChat busy, -1) offers a retry after the delay, and the retry succeeds', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'errcode', errcode: -1, errmsg: 'system error', times: Infinity });
    await act(acmeCoffeeMP.appid, 'unbind', ACME_OPEN);
    const member = outcome(acmeCoffeeMP.appid, 'OtherWeChatError');
    expect(await shown(member.getByTestId('wechat'))).toContain('errcode -1');
    const retry = member.getByTestId('retry');
    expect(await retry.isDisabled()).toBe(true);
    expect(await retry.textContent()).toMatch(/^Retry in \d s$/);
    simulator.faults.clear();
    // The button enables itself once the delay has passed.
    await member.locator('[data-testid=retry]:enabled').waitFor(WAIT);
    await retry.click();
    expect(await shown(outcome(acmeCoffeeMP.appid, 'UnbindOpenAccountSuccess'))).toContain('unbound');
    expect(simulator.counters.applied(UNBIND)).toBe(1);
  });

  it('WeChatUnavailableError (HTTP 500): the reason, check first, and a retry', async () => {
    simulator.faults.inject({ path: '/cgi-bin/open/bind', kind: 'http500', times: Infinity });
    await act(acmeBakeryMP.appid, 'bind', ACME_OPEN);
    const member = outcome(acmeBakeryMP.appid, 'WeChatUnavailableError');
    expect(await shown(member.getByTestId('unavailable'))).toBe('Reason HTTP_STATUS, HTTP 500');
    expect(await shown(member.getByTestId('check-first'))).toMatch(/^Check first: the change may have been applied\./);
    expect(await member.getByTestId('retry').count()).toBe(1);
  });

  it('OutcomeUnknownError: no retry, the advice to check first, and the check shows the truth', async () => {
    simulator.faults.inject({ path: UNBIND, kind: 'drop', afterApply: true });
    simulator.faults.inject({ path: GET, kind: 'http500', times: Infinity });
    await act(acmeCoffeeOA.appid, 'unbind', ACME_OPEN);
    const member = outcome(acmeCoffeeOA.appid, 'OutcomeUnknownError');
    const advice = await shown(member.getByTestId('check-first'));
    expect(advice).toMatch(/^Check first: the change may have been applied\./);
    expect(advice).toContain(`openAccount(appid: "${acmeCoffeeOA.appid}")`);
    expect(await member.getByTestId('retry').count()).toBe(0);

    simulator.faults.clear();
    await member.getByTestId('check-now').click();
    expect(await shown(outcome(acmeCoffeeOA.appid, 'Checked'))).toContain('not bound');
    expect(await shown(state(acmeCoffeeOA.appid).locator('[data-typename=OpenAccountNotBoundError]'))).toBe('not bound');
    expect(simulator.counters.applied(UNBIND)).toBe(1);
  });

  it('RATE_LIMITED: the code and message, and a retry that waits the retryAfterSeconds the gateway names', async () => {
    const limited = await harness.gateway({ wechat: simulator, env: { WECHAT_APPS: JSON.stringify(demoCredentials()), CORS_ORIGINS: site.origin, RATE_LIMIT_CALLER_PER_MINUTE: '2' } });
    const other = await browser.context.newPage();
    try {
      await other.goto(`${site.origin}/?gateway=${encodeURIComponent(limited.url)}&appids=${frozenFoodsOA.appid}`);
      const appRow = other.getByTestId(`app-${frozenFoodsOA.appid}`);
      // Two requests a minute: the page's list, then this unbind (answered 89004); the next is refused.
      await appRow.getByTestId('target').selectOption(DEMO_OPEN_ACCOUNTS.frozenFoodsApi.openAppid);
      await appRow.getByTestId('unbind').click();
      await appRow.locator('[data-testid=outcome][data-typename=OpenAccountLimitExceededError]').waitFor(WAIT);
      await appRow.getByTestId('unbind').click();
      const refused = appRow.locator('[data-testid=outcome][data-typename=GraphQLError]');
      expect(await shown(refused)).toMatch(/^RATE_LIMITED Rate limited: /);
      const retry = refused.getByTestId('retry');
      expect(await retry.isDisabled()).toBe(true);
      // The gateway named the wait (up to a minute); the button counts down from it, not from a default.
      const seconds = Number(/^Retry in (\d+) s$/.exec((await retry.textContent()) ?? '')?.[1]);
      expect(seconds).toBeGreaterThan(2);
      expect(seconds).toBeLessThanOrEqual(60);
    } finally {
      await other.close();
      await limited.stop();
    }
  });

  it('lists exactly the simulator\'s demo accounts and open accounts', () => {
    expect(DEMO_APPS.map(({ appid, name }) => ({ appid, name }))).toEqual(Object.values(DEMO_ACCOUNTS).map(({ appid, name }) => ({ appid, name })));
    expect([...DEMO_OPEN_APPIDS].sort()).toEqual(Object.values(DEMO_OPEN_ACCOUNTS).map((o) => o.openAppid).sort());
  });
});
