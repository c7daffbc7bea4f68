import { createUnionType, type ClassType } from 'type-graphql';
import type { WeChatFailure } from '../../wechat';
import type { GatewayError } from './gateway-error.types';
import { CredentialStoreUnavailableError, NoCredentialsError, OutcomeUnknownError, OverloadedError, WeChatUnavailableError } from './gateway-failure.types';
import { OtherWeChatError, type WeChatErrorClass } from './wechat-error.types';

/** What a resolver of an operation returns: its success type, or one of the union's error types. */
export type ResultOf<TSuccess extends object> = TSuccess | GatewayError;

export interface ResultUnion<TSuccess extends object> {
  /** The GraphQL union: the success type, the operation's own error types, then the shared ones. */
  readonly type: ReturnType<typeof createUnionType>;
  /** Turns a WeChat failure into the member of this union that stands for it. */
  readonly fromFailure: (failure: WeChatFailure) => ResultOf<TSuccess>;
}

/**
 * Declares an operation's result union. Every union gets, besides its documented errcodes, the
 * same catch-alls, so a client never meets an error outside the union: any other errcode
 * (OtherWeChatError), no usable answer (WeChatUnavailableError), no credentials for the appid,
 * the credential store unreachable (CredentialStoreUnavailableError),
 * the gateway at its limit (OverloadedError), and a change whose outcome could not be told.
 * Members are class instances, which is how type-graphql tells them apart.
 */
export function resultUnion<TSuccess extends object>(options: {
  name: string;
  description: string;
  success: ClassType<TSuccess>;
  errors: readonly WeChatErrorClass[];
}): ResultUnion<TSuccess> {
  const byErrcode = new Map(options.errors.map((type) => [type.errcode, type]));
  const members = [
    options.success,
    ...options.errors,
    OtherWeChatError,
    WeChatUnavailableError,
    NoCredentialsError,
    CredentialStoreUnavailableError,
    OverloadedError,
    OutcomeUnknownError,
  ] as const;
  return {
    type: createUnionType({ name: options.name, description: options.description, types: () => members }),
    fromFailure(failure) {
      switch (failure.kind) {
        case 'errcode':
          return new (byErrcode.get(failure.errcode) ?? OtherWeChatError)(failure);
        case 'unavailable':
          return new WeChatUnavailableError(failure);
        case 'no-credentials':
          return new NoCredentialsError(failure);
        case 'store-unavailable':
          return new CredentialStoreUnavailableError(failure);
        case 'overloaded':
          return new OverloadedError(failure);
        case 'outcome-unknown':
          return new OutcomeUnknownError(failure);
      }
    },
  };
}
