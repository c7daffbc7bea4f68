/**
 * CredentialRouter: which credentials a call for an appid uses. The account's own appsecret
 * first, then the third-party platform's authorisation; with neither, `no-credentials` listing
 * what was tried, which the client reads as NoCredentialsError's message. Real providers against
 * the simulator (which checks every token it is handed) over a MemoryStore.
 */
import { NoCredentialsError } from '../../src/graphql/errors/gateway-failure.types';
import type { Simulator } from '../../src/simulator';
import { MemoryStore } from '../../src/stores/memory-store';
import { AuthorizerTokenProvider } from '../../src/wechat/tokens/authorizer-token';
import { ComponentTokenProvider } from '../../src/wechat/tokens/component-token';
import { CredentialRouter } from '../../src/wechat/tokens/credential-router';
import { SharedTokenCache } from '../../src/wechat/tokens/shared-token-cache';
import type { WeChatTransport } from '../../src/wechat/transport/wechat-transport';
import type { NoCredentialsFailure, WeChatResult } from '../../src/wechat/vocabulary/result';
import { useHarness } from '../support/harness';
import { newPlatform, type TestPlatform } from '../support/platform';
import { addAccount, appSecrets, ownSecretTokens, simulatorAndTransport, type TestAccount } from '../support/wechat-layer';

const STABLE_TOKEN = '/cgi-bin/stable_token';
const HAVE = '/cgi-bin/open/have';

const harness = useHarness();
let simulator: Simulator;
let transport: WeChatTransport;
let store: MemoryStore;
let platform: TestPlatform;
/** Calls for itself: its appsecret is configured. */
let own: TestAccount;
/** Authorised the platform; no appsecret configured. */
let authorizer: TestAccount;
/** Neither. */
let stranger: TestAccount;

beforeEach(async () => {
  ({ simulator, transport } = await simulatorAndTransport(harness));
  store = new MemoryStore();
  platform = newPlatform();
  simulator.state.components.addComponent({ componentAppid: platform.componentAppid, secret: platform.secret, token: platform.token, aesKey: platform.aesKey });
  [own, authorizer, stranger] = [addAccount(simulator), addAccount(simulator), addAccount(simulator)];
  await store.putRefreshToken(platform.componentAppid, authorizer.appid, simulator.state.components.grantAuthorization(authorizer.appid, platform.componentAppid));
  await store.putTicket(platform.componentAppid, simulator.state.components.issueTicket(platform.componentAppid));
});

function platformTokens(): AuthorizerTokenProvider {
  const cache = new SharedTokenCache(store);
  const component = new ComponentTokenProvider(transport, { appid: platform.componentAppid, secret: platform.secret }, store, cache);
  return new AuthorizerTokenProvider(transport, platform.componentAppid, component, store, cache);
}

function routerWithPlatform(): CredentialRouter {
  return new CredentialRouter(ownSecretTokens(transport, appSecrets(own), store), platformTokens());
}

/** Whether WeChat (the simulator) accepts `token` as acting for `appid`. */
async function worksFor(appid: string, token: string): Promise<boolean> {
  const answer = await transport.send({ method: 'GET', path: HAVE, query: { access_token: token }, body: { appid } });
  return answer.ok;
}

function noCredentials(result: WeChatResult<string>): NoCredentialsFailure {
  if (result.ok || result.failure.kind !== 'no-credentials') throw new Error(`expected no-credentials, got ${JSON.stringify(result)}`);
  return result.failure;
}

describe('CredentialRouter: each source of credentials, in order', () => {
  it('an appid in WECHAT_APPS calls with a stable token from its own appsecret; the platform is not asked', async () => {
    const result = await routerWithPlatform().token(own.appid);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await worksFor(own.appid, result.data)).toBe(true);
    expect(simulator.counters.calls(STABLE_TOKEN)).toBe(1);
    expect(simulator.counters.componentTokenFetches()).toBe(0);
    expect(simulator.counters.authorizerTokenFetches()).toBe(0);
  });

  it('its own appsecret comes first even when the account also authorised the platform', async () => {
    await store.putRefreshToken(platform.componentAppid, own.appid, simulator.state.components.grantAuthorization(own.appid, platform.componentAppid));
    expect((await routerWithPlatform().token(own.appid)).ok).toBe(true);
    expect(simulator.counters.calls(STABLE_TOKEN)).toBe(1);
    expect(simulator.counters.authorizerTokenFetches()).toBe(0);
  });

  it('an appid that authorised the platform calls with an authorizer token made from its refresh token', async () => {
    const result = await routerWithPlatform().token(authorizer.appid);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await worksFor(authorizer.appid, result.data)).toBe(true);
    expect(simulator.counters.authorizerTokenFetches(authorizer.appid)).toBe(1);
    expect(simulator.counters.calls(STABLE_TOKEN)).toBe(0);
  });

  it('invalidate goes to the source the token came from', async () => {
    const router = routerWithPlatform();
    const [ownToken, authorizerToken] = await Promise.all([router.token(own.appid), router.token(authorizer.appid)]);
    if (!ownToken.ok || !authorizerToken.ok) throw new Error('no tokens');
    simulator.state.revokeTokens();
    await Promise.all([router.invalidate(own.appid, ownToken.data), router.invalidate(authorizer.appid, authorizerToken.data)]);
    // Asked without naming the refused token: only an invalidate that reached its source makes it fetch anew.
    const [ownAgain, authorizerAgain] = await Promise.all([router.token(own.appid), router.token(authorizer.appid)]);
    if (!ownAgain.ok || !authorizerAgain.ok) throw new Error('no fresh tokens');
    expect(await worksFor(own.appid, ownAgain.data)).toBe(true);
    expect(await worksFor(authorizer.appid, authorizerAgain.data)).toBe(true);
    expect(simulator.counters.tokenFetches(own.appid)).toBe(2);
    expect(simulator.counters.authorizerTokenFetches(authorizer.appid)).toBe(2);
  });
});

describe('CredentialRouter: when no source applies, the answer says what was tried and how to fix it', () => {
  it('no platform configured: both sources are named as not configured, and nothing is sent', async () => {
    const failure = noCredentials(await new CredentialRouter(ownSecretTokens(transport, appSecrets(own), store), undefined).token(authorizer.appid));
    expect(failure).toEqual({
      kind: 'no-credentials',
      appid: authorizer.appid,
      tried: [
        { source: 'own-secret', outcome: 'not-configured' },
        { source: 'platform', outcome: 'not-configured' },
      ],
    });
    const error = new NoCredentialsError(failure);
    expect(error.message).toBe(
      `The gateway has no credentials for appid ${authorizer.appid}, so nothing was sent. Tried: its own appsecret (not in WECHAT_APPS; add it there if the account calls for itself); ` +
        'a third-party platform authorisation (no platform configured: set WECHAT_COMPONENT_APPID and the other WECHAT_COMPONENT_ variables).',
    );
    expect(error.retryable).toBe(false);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('an account that never authorised the platform: the platform is named as not authorised, and nothing is sent', async () => {
    const failure = noCredentials(await routerWithPlatform().token(stranger.appid));
    expect(failure).toEqual({
      kind: 'no-credentials',
      appid: stranger.appid,
      tried: [
        { source: 'own-secret', outcome: 'not-configured' },
        { source: 'platform', componentAppid: platform.componentAppid, outcome: 'not-authorised' },
      ],
    });
    const error = new NoCredentialsError(failure);
    expect(error.message).toContain(`third-party platform ${platform.componentAppid} (the account has not authorised it, or revoked it`);
    expect(error.retryable).toBe(false);
    expect(simulator.counters.calls()).toBe(0);
  });

  it('no verify ticket pushed yet: the answer names the authorizer, not the platform, and says it will come', async () => {
    store = new MemoryStore(); // the platform's verify ticket never arrived
    await store.putRefreshToken(platform.componentAppid, authorizer.appid, simulator.state.components.grantAuthorization(authorizer.appid, platform.componentAppid));
    const failure = noCredentials(await routerWithPlatform().token(authorizer.appid));
    expect(failure).toEqual({
      kind: 'no-credentials',
      appid: authorizer.appid,
      tried: [
        { source: 'own-secret', outcome: 'not-configured' },
        { source: 'platform', componentAppid: platform.componentAppid, outcome: 'no-verify-ticket' },
      ],
    });
    const error = new NoCredentialsError(failure);
    expect(error.message).toContain('WeChat has not pushed a component_verify_ticket to the callback yet');
    expect(error.retryable).toBe(true);
    expect(simulator.counters.calls()).toBe(0);
  });
});
