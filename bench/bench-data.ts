/**
 * What the bench sends and the extra simulator data it needs. The unbind and its account come
 * from the demo seed (src/simulator/seed.ts); the 50 apps of the batched-read item are added to
 * the simulator by bench/simulator-process.ts and given to the gateway in WECHAT_APPS.
 */
import { DEMO_ACCOUNTS, demoCredentials, type NewAccount } from '../src/simulator';

/** The pair every overhead run unbinds: success once, then 89002 (same path: token, call, union). */
export const UNBIND_PAIR = { appid: DEMO_ACCOUNTS.acmeCoffeeOA.appid, openAppid: DEMO_ACCOUNTS.acmeCoffeeOA.unbind.openAppid };

/** The README's client operation, so the gateway serialises what a real frontend asks for. */
export const GATEWAY_UNBIND = `mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {
  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {
    __typename
    ... on UnbindOpenAccountSuccess { appid openAppid }
    ... on GatewayError { message retryable }
    ... on WeChatError { errcode errmsg requestId }
  }
}`;

/** The same question to the minimal baseline, whose hand-written schema has no union. */
export const BASELINE_UNBIND = `mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {
  unbindOpenAccount(appid: $appid, openAppid: $openAppid) { ok errcode errmsg }
}`;

export const ENTITIES_QUERY = `query Entities($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on WeChatApp { appid openAccount { __typename ... on OpenAccount { openAppid } } }
  }
}`;

export function graphqlBody(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export const BENCH_SUBJECT = 'Bench Holdings Ltd.';
export const BENCH_OPEN_APPID = 'wxobe0c000000000001';

/** `count` apps shaped like WeChat's (wx + 16 hex), all bound to BENCH_OPEN_APPID. */
export function benchAccounts(count: number): NewAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    appid: `wxbe0c${i.toString(16).padStart(12, '0')}`,
    secret: `benchsecret${i.toString().padStart(21, '0')}`,
    subject: BENCH_SUBJECT,
    name: `Bench app ${i}`,
    permissionGranted: true,
  }));
}

/** WECHAT_APPS for every gateway and the baseline: the demo accounts plus the bench apps. */
export function benchCredentials(entityApps: number): Record<string, string> {
  return { ...demoCredentials(), ...Object.fromEntries(benchAccounts(entityApps).map((a) => [a.appid, a.secret])) };
}
