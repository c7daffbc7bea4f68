import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Simulator } from '../../src/simulator';

/** A third-party platform as the gateway is configured with it and the simulator knows it. */
export interface TestPlatform {
  readonly componentAppid: string;
  readonly secret: string;
  readonly token: string;
  readonly aesKey: string;
}

/** A fresh platform with random credentials (43 letters and digits for the AES key). */
export function newPlatform(): TestPlatform {
  const letters = (n: number) => randomBytes(n * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, n);
  return {
    componentAppid: `wx${randomBytes(8).toString('hex')}`,
    secret: randomBytes(16).toString('hex'),
    token: letters(24),
    aesKey: letters(43),
  };
}

/**
 * The gateway's environment for `platform`. The tests push tickets themselves, so the gateway
 * does not ask WeChat to (test/component/ticket-push-restart.test.ts turns that on).
 */
export function platformEnv(platform: TestPlatform): Record<string, string> {
  return {
    WECHAT_TICKET_MAX_AGE_SECONDS: '0',
    WECHAT_COMPONENT_APPID: platform.componentAppid,
    WECHAT_COMPONENT_SECRET: platform.secret,
    WECHAT_COMPONENT_TOKEN: platform.token,
    WECHAT_COMPONENT_AES_KEY: platform.aesKey,
  };
}

/** Registers `platform` with the simulator, pushing to `callbackUrl`. */
export function addPlatform(sim: Simulator, platform: TestPlatform, callbackUrl: string): void {
  sim.state.components.addComponent({ componentAppid: platform.componentAppid, secret: platform.secret, token: platform.token, aesKey: platform.aesKey, callbackUrl });
}

export function callbackUrlOf(gatewayUrl: string): string {
  return new URL('/wechat/component/callback', gatewayUrl).toString();
}

/**
 * Every secret the run involved: the platform's configuration and every credential the simulator
 * issued (tickets, codes, refresh tokens, component and authorizer tokens).
 */
export function secretsOf(platform: TestPlatform, sim: Simulator): string[] {
  return [platform.secret, platform.aesKey, platform.token, ...sim.state.components.issuedCredentials()];
}

/** The secrets found in `lines` (none, when nothing leaked). */
export function leakedSecrets(lines: readonly string[], secrets: readonly string[]): string[] {
  const text = lines.join('\n');
  return secrets.filter((secret) => text.includes(secret));
}

/** Runs the import command (`credentials:import`) as an operator would, from the run-wide build. */
export function runImport(args: string[], env: Record<string, string>, input?: string): SpawnSyncReturns<string> {
  const script = join(process.env['TEST_GATEWAY_BUILD']!, 'scripts', 'import-refresh-tokens.js');
  return spawnSync(process.execPath, [script, ...args], { env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...env }, encoding: 'utf8', ...(input === undefined ? {} : { input }) });
}
