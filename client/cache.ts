/**
 * The recommended client cache configuration for this gateway, from its schema. Written as plain
 * data (types only from @apollo/client) so the kit has no runtime dependency on any client.
 *
 * - `possibleTypes`: which concrete types implement `GatewayError` and `WeChatError` and belong to
 *   each result union. Without it Apollo Client's InMemoryCache cannot tell that an
 *   `OtherWeChatError` matches `...on GatewayError`, and silently drops `message`, `retryable`,
 *   `errcode` and the rest.
 * - `WeChatApp` is the one normalised type, keyed by `appid`: `app(appid)`, `apps(appids)` and the
 *   `app` of every change's success write the same `WeChatApp:{"appid":…}` entry, so a change
 *   updates what the page read earlier without a refetch. `Query.app` reads that entry
 *   directly when it is already in the cache (one written by a change, or by `apps`).
 * - Results and errors have no identity of their own (an error is an answer, not a thing), so they
 *   are never normalised and always stored inside the field that answered them; a new answer
 *   replaces the old (`merge: false`) rather than being merged field by field into it.
 */
import type { InMemoryCacheConfig, TypePolicies } from '@apollo/client';
import type { IntrospectionQuery } from 'graphql';
import generated from '../schema/possible-types.json';
import urqlIntrospection from '../schema/urql-introspection.json';

/** `possibleTypes` for the cache, generated from the SDL (schema/possible-types.json). */
export const possibleTypes: Record<string, string[]> = generated.possibleTypes;

/** The types whose objects are answers rather than things: never normalised. */
const ANSWER_TYPES = [
  'OpenAccount',
  'OpenAccountStatus',
  'CreateOpenAccountSuccess',
  'BindOpenAccountSuccess',
  'UnbindOpenAccountSuccess',
  ...(possibleTypes['GatewayError'] ?? []),
];

const replace = { merge: false } as const;

export const typePolicies: TypePolicies = {
  ...Object.fromEntries(ANSWER_TYPES.map((typename) => [typename, { keyFields: false }])),
  WeChatApp: {
    keyFields: ['appid'],
    fields: { openAccount: replace, hasOpenAccount: replace },
  },
  Query: {
    fields: {
      // An app already in the cache (read before, or returned by a change) answers app(appid) as is.
      app: {
        read: (existing, { args, toReference }) =>
          existing ?? (typeof args?.['appid'] === 'string' ? toReference({ __typename: 'WeChatApp', appid: args['appid'] }) : undefined),
      },
      openAccount: replace,
      hasOpenAccount: replace,
    },
  },
};

/** `new InMemoryCache(cacheConfig)`: possibleTypes and typePolicies together. */
export const cacheConfig: InMemoryCacheConfig = { possibleTypes, typePolicies };

/**
 * urql's graphcache `schema` (minified introspection, schema/urql-introspection.json): with it
 * graphcache matches `...on GatewayError` for certain and writes no warnings; `possibleTypes`
 * alone still leaves it warning on every write of a union member.
 */
export const graphcacheSchema = urqlIntrospection as unknown as IntrospectionQuery;

/**
 * urql's graphcache `keys`: WeChatApp by appid, every answer type embedded (null), so graphcache
 * neither warns about keyless types nor invents keys for them.
 */
export const graphcacheKeys: Record<string, (data: Record<string, unknown>) => string | null> = {
  ...Object.fromEntries(ANSWER_TYPES.map((typename) => [typename, () => null])),
  WeChatApp: (data) => (typeof data['appid'] === 'string' ? data['appid'] : null),
};
