/**
 * The WeChat layer's real parts, built against a running simulator, for the unit tests of its
 * mechanisms (change(), withToken, the credential router, the loaders): no gateway, no GraphQL,
 * but the real transport over HTTP, the real token providers and the real MemoryStore.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Simulator } from '../../src/simulator';
import type { Harness } from './harness';
import { MemoryStore } from '../../src/stores/memory-store';
import type { Store } from '../../src/stores/store';
import { SharedTokenCache } from '../../src/wechat/tokens/shared-token-cache';
import { StableTokenProvider } from '../../src/wechat/tokens/stable-token';
import { WeChatTransport, type TransportOptions } from '../../src/wechat/transport/wechat-transport';

/** A transport to the simulator, with room for every call a test makes at once. */
export function transportTo(simulator: Simulator, overrides: Partial<TransportOptions> = {}): WeChatTransport {
  return new WeChatTransport({
    baseUrls: [simulator.url],
    connectTimeoutMs: 1_000,
    responseTimeoutMs: 5_000,
    connections: 16,
    maxInFlight: 64,
    maxQueue: 64,
    breakerThreshold: 100,
    breakerHalfOpenMs: 10_000,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
}

/** A simulator with no demo data and a transport to it, both stopped by `harness` (transport first). */
export async function simulatorAndTransport(harness: Harness, overrides: Partial<TransportOptions> = {}): Promise<{ simulator: Simulator; transport: WeChatTransport }> {
  const simulator = await harness.simulator({ seed: false });
  const transport = transportTo(simulator, overrides);
  harness.adopt('transport', simulator.url, transport, () => transport.close());
  return { simulator, transport };
}

/** Tokens from each account's own appsecret, cached in `store` (one replica per call). */
export function ownSecretTokens(transport: WeChatTransport, apps: ReadonlyMap<string, string>, store: Store = new MemoryStore()): StableTokenProvider {
  return new StableTokenProvider(transport, apps, new SharedTokenCache(store));
}

export interface TestAccount {
  readonly appid: string;
  readonly secret: string;
  readonly subject: string;
}

/** A new account in the simulator, with a fresh appid and secret. */
export function addAccount(simulator: Simulator, subject = 'Test Subject Co., Ltd.'): TestAccount {
  const account = { appid: `wx${randomBytes(8).toString('hex')}`, secret: randomBytes(16).toString('hex'), subject };
  simulator.state.accounts.addAccount(account);
  return account;
}

/** The appid → appsecret map the gateway would be configured with for `accounts`. */
export function appSecrets(...accounts: readonly TestAccount[]): ReadonlyMap<string, string> {
  return new Map(accounts.map((a) => [a.appid, a.secret]));
}
