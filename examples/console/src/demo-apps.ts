/**
 * The accounts this console lists: the simulator's demo data (src/simulator/seed.ts; a test checks
 * the two agree). Against real WeChat, list your own appids with `?appids=wx…,wx…`.
 */
export interface ListedApp {
  readonly appid: string;
  readonly name: string;
}

export const DEMO_APPS: readonly ListedApp[] = [
  { appid: 'wx803265437fca42de', name: 'Acme Coffee Official Account' },
  { appid: 'wxd2f54cdd20fee4d2', name: 'Acme Coffee Mini Program' },
  { appid: 'wxbeea15f1dce63edf', name: 'Acme Tea Official Account' },
  { appid: 'wxced7e3c6265218ce', name: 'Bolt Bikes Official Account' },
  { appid: 'wx0da874f86f3532b1', name: 'Frozen Foods Official Account' },
  { appid: 'wx35214faca534408f', name: 'Frozen Foods Mini Program' },
  { appid: 'wx0119b61f8aa40944', name: 'Locked Out Official Account' },
  { appid: 'wx56eb07600117ae34', name: 'Acme Bakery Mini Program' },
];

/** Open accounts a bind can target, from the same demo data. */
export const DEMO_OPEN_APPIDS: readonly string[] = ['wxo7fc40f481e99f4d', 'wxoedd51f0fd10521c', 'wxo4ed985ece6ea92a', 'wxo727b7458c18d963'];
