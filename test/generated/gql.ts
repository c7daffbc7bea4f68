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
    "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n  }\n}": typeof types.OpenAccountDocument,
    "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n    ... on WeChatUnavailableError {\n      reason\n      httpStatus\n      mayHaveReachedWeChat\n    }\n    ... on NoCredentialsError {\n      appid\n    }\n  }\n}": typeof types.UnbindOpenAccountDocument,
};
const documents: Documents = {
    "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n  }\n}": types.OpenAccountDocument,
    "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n    ... on WeChatUnavailableError {\n      reason\n      httpStatus\n      mayHaveReachedWeChat\n    }\n    ... on NoCredentialsError {\n      appid\n    }\n  }\n}": types.UnbindOpenAccountDocument,
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
export function graphql(source: "query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n  }\n}"): (typeof documents)["query OpenAccount($appid: String!) {\n  openAccount(appid: $appid) {\n    __typename\n    ... on OpenAccount {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n    ... on WeChatUnavailableError {\n      reason\n      httpStatus\n      mayHaveReachedWeChat\n    }\n    ... on NoCredentialsError {\n      appid\n    }\n  }\n}"): (typeof documents)["mutation UnbindOpenAccount($appid: String!, $openAppid: String!) {\n  unbindOpenAccount(appid: $appid, openAppid: $openAppid) {\n    __typename\n    ... on UnbindOpenAccountSuccess {\n      appid\n      openAppid\n    }\n    ... on GatewayError {\n      message\n      retryable\n    }\n    ... on WeChatError {\n      errcode\n      errmsg\n      requestId\n    }\n    ... on WeChatUnavailableError {\n      reason\n      httpStatus\n      mayHaveReachedWeChat\n    }\n    ... on NoCredentialsError {\n      appid\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;