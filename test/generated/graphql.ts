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

export type ApiQuotaQueryVariables = Exact<{
  appid: string;
  cgiPath: string;
}>;


export type ApiQuotaQuery = { apiQuota:
    | { __typename: 'ApiQuota', cgiPath: string, dailyLimit: number, used: number, remain: number }
    | { __typename: 'CgiPathNotQueryableError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidCgiPathError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type BindOpenAccountMutationVariables = Exact<{
  appid: string;
  openAppid: string;
}>;


export type BindOpenAccountMutation = { bindOpenAccount:
    | { __typename: 'AccountAlreadyBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'BindOpenAccountSuccess', appid: string, openAppid: string, verifiedByRead: boolean }
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountLimitExceededError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotBindableError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'SubjectMismatchError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type ClearApiQuotaMutationVariables = Exact<{
  appid: string;
}>;


export type ClearApiQuotaMutation = { clearApiQuota:
    | { __typename: 'ClearApiQuotaSuccess', appid: string }
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'QuotaClearLimitReachedError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type CreateOpenAccountMutationVariables = Exact<{
  appid: string;
}>;


export type CreateOpenAccountMutation = { createOpenAccount:
    | { __typename: 'AccountAlreadyBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CreateOpenAccountSuccess', appid: string, openAppid: string, verifiedByRead: boolean }
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

type ErrorFields_AccountAlreadyBoundError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_CgiPathNotQueryableError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_CredentialStoreUnavailableError_Fragment = { message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_InvalidAppIdError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_InvalidCgiPathError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_InvalidRequestIdError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_NoCredentialsError_Fragment = { appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OpenAccountLimitExceededError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OpenAccountNotBindableError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OpenAccountNotBoundError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OpenAccountNotCreatedByApiError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OtherWeChatError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OutcomeUnknownError_Fragment = { message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OverloadedError_Fragment = { message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_QuotaClearLimitReachedError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_RequestIdNotFoundError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_RequestIdNotPermittedError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_SubjectMismatchError_Fragment = { errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_WeChatUnavailableError_Fragment = { reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null };

export type ErrorFieldsFragment =
  | ErrorFields_AccountAlreadyBoundError_Fragment
  | ErrorFields_CgiPathNotQueryableError_Fragment
  | ErrorFields_CredentialStoreUnavailableError_Fragment
  | ErrorFields_InvalidAppIdError_Fragment
  | ErrorFields_InvalidCgiPathError_Fragment
  | ErrorFields_InvalidRequestIdError_Fragment
  | ErrorFields_NoCredentialsError_Fragment
  | ErrorFields_OpenAccountLimitExceededError_Fragment
  | ErrorFields_OpenAccountNotBindableError_Fragment
  | ErrorFields_OpenAccountNotBoundError_Fragment
  | ErrorFields_OpenAccountNotCreatedByApiError_Fragment
  | ErrorFields_OtherWeChatError_Fragment
  | ErrorFields_OutcomeUnknownError_Fragment
  | ErrorFields_OverloadedError_Fragment
  | ErrorFields_QuotaClearLimitReachedError_Fragment
  | ErrorFields_RequestIdNotFoundError_Fragment
  | ErrorFields_RequestIdNotPermittedError_Fragment
  | ErrorFields_SubjectMismatchError_Fragment
  | ErrorFields_WeChatUnavailableError_Fragment
;

export type HasOpenAccountQueryVariables = Exact<{
  appid: string;
}>;


export type HasOpenAccountQuery = { hasOpenAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountStatus', appid: string, hasOpenAccount: boolean }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type MoveAppMutationVariables = Exact<{
  appid: string;
  from: string;
  to: string;
}>;


export type MoveAppMutation = { unbindOpenAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountLimitExceededError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotCreatedByApiError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'SubjectMismatchError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'UnbindOpenAccountSuccess', app: { openAccount:
          | { __typename: 'CredentialStoreUnavailableError' }
          | { __typename: 'InvalidAppIdError' }
          | { __typename: 'NoCredentialsError' }
          | { __typename: 'OpenAccount' }
          | { __typename: 'OpenAccountNotBoundError' }
          | { __typename: 'OtherWeChatError' }
          | { __typename: 'OutcomeUnknownError' }
          | { __typename: 'OverloadedError' }
          | { __typename: 'WeChatUnavailableError' }
         } }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
  , bindOpenAccount:
    | { __typename: 'AccountAlreadyBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'BindOpenAccountSuccess', app: { openAccount:
          | { __typename: 'CredentialStoreUnavailableError' }
          | { __typename: 'InvalidAppIdError' }
          | { __typename: 'NoCredentialsError' }
          | { __typename: 'OpenAccount', openAppid: string }
          | { __typename: 'OpenAccountNotBoundError' }
          | { __typename: 'OtherWeChatError' }
          | { __typename: 'OutcomeUnknownError' }
          | { __typename: 'OverloadedError' }
          | { __typename: 'WeChatUnavailableError' }
         } }
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountLimitExceededError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotBindableError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'SubjectMismatchError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type OpenAccountQueryVariables = Exact<{
  appid: string;
}>;


export type OpenAccountQuery = { openAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccount', appid: string, openAppid: string }
    | { __typename: 'OpenAccountNotBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type OpenAccountWithAgeQueryVariables = Exact<{
  appid: string;
  maxAge?: number | null | undefined;
}>;


export type OpenAccountWithAgeQuery = { openAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccount', appid: string, openAppid: string, fetchedAt: string }
    | { __typename: 'OpenAccountNotBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null, notBoundAt: string | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type HasOpenAccountWithAgeQueryVariables = Exact<{
  appid: string;
  maxAge?: number | null | undefined;
}>;


export type HasOpenAccountWithAgeQuery = { hasOpenAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountStatus', appid: string, hasOpenAccount: boolean, fetchedAt: string }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type UnbindOpenAccountMutationVariables = Exact<{
  appid: string;
  openAppid: string;
}>;


export type UnbindOpenAccountMutation = { unbindOpenAccount:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidAppIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountLimitExceededError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotBoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OpenAccountNotCreatedByApiError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'SubjectMismatchError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'UnbindOpenAccountSuccess', appid: string, openAppid: string, verifiedByRead: boolean }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export type WeChatRequestQueryVariables = Exact<{
  appid: string;
  rid: string;
}>;


export type WeChatRequestQuery = { wechatRequest:
    | { __typename: 'CredentialStoreUnavailableError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InvalidRequestIdError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'NoCredentialsError', appid: string, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OtherWeChatError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OutcomeUnknownError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OverloadedError', message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'RequestIdNotFoundError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'RequestIdNotPermittedError', errcode: number, errmsg: string, requestId: string | null, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'WeChatRequest', rid: string, invokeTime: number, costInMs: number, requestUrl: string, requestBody: string, responseBody: string, clientIp: string }
    | { __typename: 'WeChatUnavailableError', reason: UnavailableReason, httpStatus: number | null, mayHaveReachedWeChat: boolean, message: string, retryable: boolean, retryAfterSeconds: number | null }
   };

export const ErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<ErrorFieldsFragment, unknown>;
export const ApiQuotaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiQuota"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cgiPath"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiQuota"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"cgiPath"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cgiPath"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiQuota"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cgiPath"}},{"kind":"Field","name":{"kind":"Name","value":"dailyLimit"}},{"kind":"Field","name":{"kind":"Name","value":"used"}},{"kind":"Field","name":{"kind":"Name","value":"remain"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<ApiQuotaQuery, ApiQuotaQueryVariables>;
export const BindOpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BindOpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"openAppid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BindOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedByRead"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<BindOpenAccountMutation, BindOpenAccountMutationVariables>;
export const ClearApiQuotaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClearApiQuota"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearApiQuota"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClearApiQuotaSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<ClearApiQuotaMutation, ClearApiQuotaMutationVariables>;
export const CreateOpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedByRead"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<CreateOpenAccountMutation, CreateOpenAccountMutationVariables>;
export const HasOpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HasOpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"hasOpenAccount"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<HasOpenAccountQuery, HasOpenAccountQueryVariables>;
export const MoveAppDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveApp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbindOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"openAppid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"app"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bindOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"openAppid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BindOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"app"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAppid"}}]}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<MoveAppMutation, MoveAppMutationVariables>;
export const OpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<OpenAccountQuery, OpenAccountQueryVariables>;
export const OpenAccountWithAgeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenAccountWithAge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxAge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccountNotBoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"notBoundAt"},"name":{"kind":"Name","value":"fetchedAt"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<OpenAccountWithAgeQuery, OpenAccountWithAgeQueryVariables>;
export const HasOpenAccountWithAgeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HasOpenAccountWithAge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxAge"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxAge"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"hasOpenAccount"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<HasOpenAccountWithAgeQuery, HasOpenAccountWithAgeQueryVariables>;
export const UnbindOpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnbindOpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbindOpenAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"openAppid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"openAppid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindOpenAccountSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}},{"kind":"Field","name":{"kind":"Name","value":"openAppid"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedByRead"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<UnbindOpenAccountMutation, UnbindOpenAccountMutationVariables>;
export const WeChatRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WeChatRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"wechatRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"appid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appid"}}},{"kind":"Argument","name":{"kind":"Name","value":"rid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rid"}},{"kind":"Field","name":{"kind":"Name","value":"invokeTime"}},{"kind":"Field","name":{"kind":"Name","value":"costInMs"}},{"kind":"Field","name":{"kind":"Name","value":"requestUrl"}},{"kind":"Field","name":{"kind":"Name","value":"requestBody"}},{"kind":"Field","name":{"kind":"Name","value":"responseBody"}},{"kind":"Field","name":{"kind":"Name","value":"clientIp"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errcode"}},{"kind":"Field","name":{"kind":"Name","value":"errmsg"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WeChatUnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"mayHaveReachedWeChat"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoCredentialsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appid"}}]}}]}}]} as unknown as DocumentNode<WeChatRequestQuery, WeChatRequestQueryVariables>;