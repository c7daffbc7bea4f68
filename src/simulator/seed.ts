/**
 * Demo data: one account per outcome of unbindOpenAccount, so every errcode the gateway maps
 * can be produced against the standalone simulator by choosing an account, not a magic input.
 * The ids are fixed so the README and WECHAT_APPS can list them.
 */
import type { NewAccount, NewOpenAccount } from './accounts';

export interface DemoOpenAccount {
  readonly openAppid: string;
  readonly subject: string;
  readonly createdByApi: boolean;
  readonly verified: boolean;
  readonly quota: number;
  readonly note: string;
}

export interface DemoAccount {
  readonly appid: string;
  readonly secret: string;
  readonly name: string;
  readonly subject: string;
  readonly permissionGranted: boolean;
  /** open_appid the account is bound to, if any. */
  readonly boundTo: string | undefined;
  /** The unbind the demo tries for this account, and the errcode it gets. */
  readonly unbind: { readonly openAppid: string; readonly errcode: number };
  readonly note: string;
}

const ACME = 'Acme Coffee Co., Ltd.';
const BOLT = 'Bolt Bikes Ltd.';
const FROZEN = 'Frozen Foods Co., Ltd.';

export const DEMO_OPEN_ACCOUNTS = {
  acmeApi: {
    openAppid: 'wxo7fc40f481e99f4d',
    subject: ACME,
    createdByApi: true,
    verified: false,
    quota: 100,
    note: "Acme's open account made by createOpenAccount: the API may unbind from it",
  },
  acmeConsole: {
    openAppid: 'wxoedd51f0fd10521c',
    subject: ACME,
    createdByApi: false,
    verified: false,
    quota: 100,
    note: 'made in the web console and unverified: unbind answers 89003, bind 89036',
  },
  boltBikesApi: {
    openAppid: 'wxo4ed985ece6ea92a',
    subject: BOLT,
    createdByApi: true,
    verified: false,
    quota: 100,
    note: "Bolt Bikes' own open account, another subject than Acme",
  },
  frozenFoodsApi: {
    openAppid: 'wxo727b7458c18d963',
    subject: FROZEN,
    createdByApi: true,
    verified: false,
    quota: 1,
    note: 'two members over a quota of 1 (lowered when verification lapsed): frozen, every change answers 89004',
  },
} as const satisfies Record<string, DemoOpenAccount>;

const OPEN = DEMO_OPEN_ACCOUNTS;

export const DEMO_ACCOUNTS = {
  acmeCoffeeOA: {
    appid: 'wx803265437fca42de',
    secret: '4e29e946384a749350c7d71627a0b2b0',
    name: 'Acme Coffee Official Account',
    subject: ACME,
    permissionGranted: true,
    boundTo: OPEN.acmeApi.openAppid,
    unbind: { openAppid: OPEN.acmeApi.openAppid, errcode: 0 },
    note: 'the happy path: unbind succeeds',
  },
  acmeCoffeeMP: {
    appid: 'wxd2f54cdd20fee4d2',
    secret: '67bda4f2c8b42342b79be22fcd857cbf',
    name: 'Acme Coffee Mini Program',
    subject: ACME,
    permissionGranted: true,
    boundTo: OPEN.acmeApi.openAppid,
    unbind: { openAppid: OPEN.acmeApi.openAppid, errcode: 0 },
    note: 'a second member of the same open account, to unbind (or get) after the first',
  },
  acmeTeaOA: {
    appid: 'wxbeea15f1dce63edf',
    secret: '63cee0ac655dda7980c3638a3ccd3514',
    name: 'Acme Tea Official Account',
    subject: ACME,
    permissionGranted: true,
    boundTo: OPEN.acmeConsole.openAppid,
    unbind: { openAppid: OPEN.acmeConsole.openAppid, errcode: 89003 },
    note: 'bound to a console-made open account: only the console can unbind it',
  },
  boltBikesOA: {
    appid: 'wxced7e3c6265218ce',
    secret: 'bf2801d1721c76b995f740c5f8cb5455',
    name: 'Bolt Bikes Official Account',
    subject: BOLT,
    permissionGranted: true,
    boundTo: OPEN.boltBikesApi.openAppid,
    unbind: { openAppid: OPEN.acmeApi.openAppid, errcode: 89001 },
    note: "unbinding it from Acme's open account: another subject",
  },
  frozenFoodsOA: {
    appid: 'wx0da874f86f3532b1',
    secret: 'a7151c5a512492e19592dc4cd4e1bfb4',
    name: 'Frozen Foods Official Account',
    subject: FROZEN,
    permissionGranted: true,
    boundTo: OPEN.frozenFoodsApi.openAppid,
    unbind: { openAppid: OPEN.frozenFoodsApi.openAppid, errcode: 89004 },
    note: 'member of an open account over its quota',
  },
  frozenFoodsMP: {
    appid: 'wx35214faca534408f',
    secret: 'cebd5582dfa24e9d1061129bbd7c8380',
    name: 'Frozen Foods Mini Program',
    subject: FROZEN,
    permissionGranted: true,
    boundTo: OPEN.frozenFoodsApi.openAppid,
    unbind: { openAppid: OPEN.frozenFoodsApi.openAppid, errcode: 89004 },
    note: 'the second member that puts that open account over its quota',
  },
  lockedOutOA: {
    appid: 'wx0119b61f8aa40944',
    secret: 'ac56b8b1d69490a23054b27726040d1a',
    name: 'Locked Out Official Account',
    subject: ACME,
    permissionGranted: false,
    boundTo: OPEN.acmeApi.openAppid,
    unbind: { openAppid: OPEN.acmeApi.openAppid, errcode: 48001 },
    note: 'permission set 24 not granted: every open-account call answers 48001 (the unbind would otherwise succeed)',
  },
  acmeBakeryMP: {
    appid: 'wx56eb07600117ae34',
    secret: '194bb0b3d5283691e363466258c8c0ef',
    name: 'Acme Bakery Mini Program',
    subject: ACME,
    permissionGranted: true,
    boundTo: undefined,
    unbind: { openAppid: OPEN.acmeApi.openAppid, errcode: 89002 },
    note: "bound to nothing: create succeeds, bind to Acme's API open account succeeds (console one: 89036, Bolt's: 89001), get answers 89002",
  },
} as const satisfies Record<string, DemoAccount>;

/** appid → secret of every demo account: the value of WECHAT_APPS for the standalone simulator. */
export function demoCredentials(): Record<string, string> {
  return Object.fromEntries(Object.values(DEMO_ACCOUNTS).map((a) => [a.appid, a.secret]));
}

/** Loads the demo data into the accounts family of a simulator (`sim.state.accounts`) or of a bare WechatState. */
export function seedDemo(target: { addAccount(a: NewAccount): void; addOpenAccount(o: NewOpenAccount): string }): void {
  const accounts: readonly DemoAccount[] = Object.values(DEMO_ACCOUNTS);
  for (const { appid, secret, name, subject, permissionGranted } of accounts) {
    target.addAccount({ appid, secret, name, subject, permissionGranted });
  }
  for (const { openAppid, subject, createdByApi, verified, quota } of Object.values(DEMO_OPEN_ACCOUNTS) as DemoOpenAccount[]) {
    const members = accounts.filter((a) => a.boundTo === openAppid).map((a) => a.appid);
    target.addOpenAccount({ openAppid, subject, createdByApi, verified, quota, members });
  }
}
