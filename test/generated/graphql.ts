/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why no usable answer came from WeChat. */
export type UnavailableReason =
  /** WeChat answered something that is not a WeChat JSON answer. */
  | 'BAD_RESPONSE'
  /** WeChat could not be reached; the request was never sent. */
  | 'CONNECT'
  /** The connection closed before WeChat answered. */
  | 'CONNECTION_LOST'
  /** WeChat answered with an HTTP status other than 200. */
  | 'HTTP_STATUS'
  /** WeChat did not answer in time after the request was sent. */
  | 'TIMEOUT';

export type OpenAccountQueryVariables = Exact<{
  appid: string;
}>;


export type OpenAccountQuery = { openAccount:
    | { __typename: 'InvalidAppIdError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'NoCredentialsError', message: string, retryable: boolean }
    | { __typename: 'OpenAccount', appid: string, openAppid: string }
    | { __typename: 'OpenAccountNotBoundError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'OtherWeChatError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'WeChatUnavailableError', message: string, retryable: boolean }
   };

export type UnbindOpenAccountMutationVariables = Exact<{
  appid: string;
  openAppid: string;
}>;


export type UnbindOpenAccountMutation = { unbindOpenAccount:
    | { __typename: 'InvalidAppIdError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'NoCredentialsError', message: string, retryable: boolean, appid: string }
    | { __typename: 'OpenAccountLimitExceededError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'OpenAccountNotBoundError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'OpenAccountNotCreatedByApiError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'OtherWeChatError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'SubjectMismatchError', message: string, retryable: boolean, errcode: number, errmsg: string, requestId: string | null }
    | { __typename: 'UnbindOpenAccountSuccess', appid: string, openAppid: string }
    | { __typename: 'WeChatUnavailableError', message: string, retryable: boolean, reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean }
   };


export const OpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}}]}}]} as unknown as DocumentNode<OpenAccountQuery, OpenAccountQueryVariables>;
export const UnbindOpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnbindOpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbindOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"openAppid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]}}]} as unknown as DocumentNode<UnbindOpenAccountMutation, UnbindOpenAccountMutationVariables>;