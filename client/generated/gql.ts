/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ApiQuota($appid: String!, $cgiPath: String!) {\n  apiQuota(appid: $appid, cgiPath: $cgiPath) {\n    __typename\n    ... on ApiQuota {\n      cgiPath\n      dailyLimit\n      used\n      remain\n    }\n    ...ErrorFields\n  }\n}": typeof types.ApiQuotaDocument,
    "fragment AppState on WeChatApp {\n  appid\n  openAccount {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}": typeof types.AppStateFragmentDoc,
    "query App($appid: String!) {\n  app(appid: $appid) {\n    ...AppState\n  }\n}": typeof types.AppDocument,
    "query Apps($appids: [String!]!) {\n  apps(appids: $appids) {\n    ...AppState\n  }\n}": typeof types.AppsDocument,
    "mutation BindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": typeof types.BindOpenAccountWithAppDocument,
    "mutation BindOpenAccount($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": typeof types.BindOpenAccountDocument,
    "mutation ClearApiQuota($appid: String!) {\n  clearApiQuota(appid: $appid) {\n    __typename\n    ... on ClearApiQuotaSuccess {\n      appid\n    }\n    ...ErrorFields\n  }\n}": typeof types.ClearApiQuotaDocument,
    "mutation CreateOpenAccountWithApp($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": typeof types.CreateOpenAccountWithAppDocument,
    "mutation CreateOpenAccount($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": typeof types.CreateOpenAccountDocument,
    "fragment ErrorFields on GatewayError {\n  message\n  retryable\n  retryAfterSeconds\n  ... on WeChatError {\n    errcode\n    errmsg\n    requestId\n  }\n  ... on WeChatUnavailableError {\n    reason\n    httpStatus\n    mayHaveReachedWeChat\n  }\n  ... on NoCredentialsError {\n    appid\n  }\n  ... on OutcomeUnknownError {\n    check\n  }\n  ... on OpenAccountNotBoundError {\n    notBoundAt: fetchedAt\n  }\n}": typeof types.ErrorFieldsFragmentDoc,
    "query HasOpenAccount($appid: String!) {\n  hasOpenAccount(appid: $appid) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n    }\n    ...ErrorFields\n  }\n}": typeof types.HasOpenAccountDocument,
    "mutation MoveApp($appid: String!, $from: String!, $to: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $from) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n        }\n      }\n    }\n    ...ErrorFields\n  }\n  bindOpenAccount(appid: $appid, openAppid: $to) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n          ... on OpenAccount {\n            openAppid\n          }\n        }\n      }\n    }\n    ...ErrorFields\n  }\n}": typeof types.MoveAppDocument,
    "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}": typeof types.OpenAccountDocument,
    "query OpenAccountWithAge($appid: String!, $maxAge: Int) {\n  openAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n      fetchedAt\n    }\n    ... on OpenAccountNotBoundError {\n      notBoundAt: fetchedAt\n    }\n    ...ErrorFields\n  }\n}\n\nquery HasOpenAccountWithAge($appid: String!, $maxAge: Int) {\n  hasOpenAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n      fetchedAt\n    }\n    ...ErrorFields\n  }\n}": typeof types.OpenAccountWithAgeDocument,
    "mutation UnbindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": typeof types.UnbindOpenAccountWithAppDocument,
    "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": typeof types.UnbindOpenAccountDocument,
    "query WeChatRequest($appid: String!, $rid: String!) {\n  wechatRequest(appid: $appid, rid: $rid) {\n    __typename\n    ... on WeChatRequest {\n      rid\n      invokeTime\n      costInMs\n      requestUrl\n      requestBody\n      responseBody\n      clientIp\n    }\n    ...ErrorFields\n  }\n}": typeof types.WeChatRequestDocument,
};
const documents: Documents = {
    "query ApiQuota($appid: String!, $cgiPath: String!) {\n  apiQuota(appid: $appid, cgiPath: $cgiPath) {\n    __typename\n    ... on ApiQuota {\n      cgiPath\n      dailyLimit\n      used\n      remain\n    }\n    ...ErrorFields\n  }\n}": types.ApiQuotaDocument,
    "fragment AppState on WeChatApp {\n  appid\n  openAccount {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}": types.AppStateFragmentDoc,
    "query App($appid: String!) {\n  app(appid: $appid) {\n    ...AppState\n  }\n}": types.AppDocument,
    "query Apps($appids: [String!]!) {\n  apps(appids: $appids) {\n    ...AppState\n  }\n}": types.AppsDocument,
    "mutation BindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": types.BindOpenAccountWithAppDocument,
    "mutation BindOpenAccount($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": types.BindOpenAccountDocument,
    "mutation ClearApiQuota($appid: String!) {\n  clearApiQuota(appid: $appid) {\n    __typename\n    ... on ClearApiQuotaSuccess {\n      appid\n    }\n    ...ErrorFields\n  }\n}": types.ClearApiQuotaDocument,
    "mutation CreateOpenAccountWithApp($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": types.CreateOpenAccountWithAppDocument,
    "mutation CreateOpenAccount($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": types.CreateOpenAccountDocument,
    "fragment ErrorFields on GatewayError {\n  message\n  retryable\n  retryAfterSeconds\n  ... on WeChatError {\n    errcode\n    errmsg\n    requestId\n  }\n  ... on WeChatUnavailableError {\n    reason\n    httpStatus\n    mayHaveReachedWeChat\n  }\n  ... on NoCredentialsError {\n    appid\n  }\n  ... on OutcomeUnknownError {\n    check\n  }\n  ... on OpenAccountNotBoundError {\n    notBoundAt: fetchedAt\n  }\n}": types.ErrorFieldsFragmentDoc,
    "query HasOpenAccount($appid: String!) {\n  hasOpenAccount(appid: $appid) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n    }\n    ...ErrorFields\n  }\n}": types.HasOpenAccountDocument,
    "mutation MoveApp($appid: String!, $from: String!, $to: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $from) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n        }\n      }\n    }\n    ...ErrorFields\n  }\n  bindOpenAccount(appid: $appid, openAppid: $to) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n          ... on OpenAccount {\n            openAppid\n          }\n        }\n      }\n    }\n    ...ErrorFields\n  }\n}": types.MoveAppDocument,
    "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}": types.OpenAccountDocument,
    "query OpenAccountWithAge($appid: String!, $maxAge: Int) {\n  openAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n      fetchedAt\n    }\n    ... on OpenAccountNotBoundError {\n      notBoundAt: fetchedAt\n    }\n    ...ErrorFields\n  }\n}\n\nquery HasOpenAccountWithAge($appid: String!, $maxAge: Int) {\n  hasOpenAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n      fetchedAt\n    }\n    ...ErrorFields\n  }\n}": types.OpenAccountWithAgeDocument,
    "mutation UnbindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}": types.UnbindOpenAccountWithAppDocument,
    "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}": types.UnbindOpenAccountDocument,
    "query WeChatRequest($appid: String!, $rid: String!) {\n  wechatRequest(appid: $appid, rid: $rid) {\n    __typename\n    ... on WeChatRequest {\n      rid\n      invokeTime\n      costInMs\n      requestUrl\n      requestBody\n      responseBody\n      clientIp\n    }\n    ...ErrorFields\n  }\n}": types.WeChatRequestDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiQuota($appid: String!, $cgiPath: String!) {\n  apiQuota(appid: $appid, cgiPath: $cgiPath) {\n    __typename\n    ... on ApiQuota {\n      cgiPath\n      dailyLimit\n      used\n      remain\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["query ApiQuota($appid: String!, $cgiPath: String!) {\n  apiQuota(appid: $appid, cgiPath: $cgiPath) {\n    __typename\n    ... on ApiQuota {\n      cgiPath\n      dailyLimit\n      used\n      remain\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AppState on WeChatApp {\n  appid\n  openAccount {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["fragment AppState on WeChatApp {\n  appid\n  openAccount {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query App($appid: String!) {\n  app(appid: $appid) {\n    ...AppState\n  }\n}"): (typeof documents)["query App($appid: String!) {\n  app(appid: $appid) {\n    ...AppState\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Apps($appids: [String!]!) {\n  apps(appids: $appids) {\n    ...AppState\n  }\n}"): (typeof documents)["query Apps($appids: [String!]!) {\n  apps(appids: $appids) {\n    ...AppState\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation BindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BindOpenAccount($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation BindOpenAccount($appid: String!, $openAppid: String!) {\n  bindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ClearApiQuota($appid: String!) {\n  clearApiQuota(appid: $appid) {\n    __typename\n    ... on ClearApiQuotaSuccess {\n      appid\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation ClearApiQuota($appid: String!) {\n  clearApiQuota(appid: $appid) {\n    __typename\n    ... on ClearApiQuotaSuccess {\n      appid\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateOpenAccountWithApp($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation CreateOpenAccountWithApp($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateOpenAccount($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation CreateOpenAccount($appid: String!) {\n  createOpenAccount(appid: $appid) {\n    __typename\n    ... on CreateOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ErrorFields on GatewayError {\n  message\n  retryable\n  retryAfterSeconds\n  ... on WeChatError {\n    errcode\n    errmsg\n    requestId\n  }\n  ... on WeChatUnavailableError {\n    reason\n    httpStatus\n    mayHaveReachedWeChat\n  }\n  ... on NoCredentialsError {\n    appid\n  }\n  ... on OutcomeUnknownError {\n    check\n  }\n  ... on OpenAccountNotBoundError {\n    notBoundAt: fetchedAt\n  }\n}"): (typeof documents)["fragment ErrorFields on GatewayError {\n  message\n  retryable\n  retryAfterSeconds\n  ... on WeChatError {\n    errcode\n    errmsg\n    requestId\n  }\n  ... on WeChatUnavailableError {\n    reason\n    httpStatus\n    mayHaveReachedWeChat\n  }\n  ... on NoCredentialsError {\n    appid\n  }\n  ... on OutcomeUnknownError {\n    check\n  }\n  ... on OpenAccountNotBoundError {\n    notBoundAt: fetchedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HasOpenAccount($appid: String!) {\n  hasOpenAccount(appid: $appid) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["query HasOpenAccount($appid: String!) {\n  hasOpenAccount(appid: $appid) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MoveApp($appid: String!, $from: String!, $to: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $from) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n        }\n      }\n    }\n    ...ErrorFields\n  }\n  bindOpenAccount(appid: $appid, openAppid: $to) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n          ... on OpenAccount {\n            openAppid\n          }\n        }\n      }\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation MoveApp($appid: String!, $from: String!, $to: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $from) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n        }\n      }\n    }\n    ...ErrorFields\n  }\n  bindOpenAccount(appid: $appid, openAppid: $to) {\n    __typename\n    ... on BindOpenAccountSuccess {\n      app {\n        openAccount {\n          __typename\n          ... on OpenAccount {\n            openAppid\n          }\n        }\n      }\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenAccountWithAge($appid: String!, $maxAge: Int) {\n  openAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n      fetchedAt\n    }\n    ... on OpenAccountNotBoundError {\n      notBoundAt: fetchedAt\n    }\n    ...ErrorFields\n  }\n}\n\nquery HasOpenAccountWithAge($appid: String!, $maxAge: Int) {\n  hasOpenAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n      fetchedAt\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["query OpenAccountWithAge($appid: String!, $maxAge: Int) {\n  openAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n      fetchedAt\n    }\n    ... on OpenAccountNotBoundError {\n      notBoundAt: fetchedAt\n    }\n    ...ErrorFields\n  }\n}\n\nquery HasOpenAccountWithAge($appid: String!, $maxAge: Int) {\n  hasOpenAccount(appid: $appid, maxAge: $maxAge) {\n    __typename\n    ... on OpenAccountStatus {\n      appid\n      hasOpenAccount\n      fetchedAt\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnbindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation UnbindOpenAccountWithApp($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n      app {\n        ...AppState\n      }\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n      verifiedByRead\n    }\n    ...ErrorFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WeChatRequest($appid: String!, $rid: String!) {\n  wechatRequest(appid: $appid, rid: $rid) {\n    __typename\n    ... on WeChatRequest {\n      rid\n      invokeTime\n      costInMs\n      requestUrl\n      requestBody\n      responseBody\n      clientIp\n    }\n    ...ErrorFields\n  }\n}"): (typeof documents)["query WeChatRequest($appid: String!, $rid: String!) {\n  wechatRequest(appid: $appid, rid: $rid) {\n    __typename\n    ... on WeChatRequest {\n      rid\n      invokeTime\n      costInMs\n      requestUrl\n      requestBody\n      responseBody\n      clientIp\n    }\n    ...ErrorFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;