import { Field, GraphQLISODateTime, Int, InterfaceType, ObjectType } from 'type-graphql';
import { describeErrcode, retryAfterSeconds, type ErrcodeFailure } from '../../wechat';
import { GatewayError } from './gateway-error.types';

// Result and error types are plain data: `simpleResolvers` gives their fields graphql-js's
// default resolver instead of type-graphql's middleware stack on every field of every response.

@InterfaceType({ implements: GatewayError, description: 'WeChat answered with an errcode other than 0.' })
export abstract class WeChatError extends GatewayError {
  @Field(() => Int, { description: 'The errcode as WeChat sent it.' })
  errcode!: number;

  @Field({ description: 'The errmsg as WeChat sent it (may be empty; do not match on it).' })
  errmsg!: string;

  @Field(() => String, { nullable: true, description: 'The request id ("rid") WeChat put in errmsg: quote it to WeChat support.' })
  requestId!: string | null;

  constructor(failure: ErrcodeFailure) {
    super();
    const { explanation, retryable } = describeErrcode(failure.errcode, failure.path);
    this.errcode = failure.errcode;
    this.errmsg = failure.errmsg;
    this.requestId = failure.rid ?? null;
    this.retryable = retryable;
    this.retryAfterSeconds = retryAfterSeconds(failure.errcode) ?? null;
    this.message = failure.stage === 'token' ? `Fetching the access token failed. ${explanation}` : explanation;
  }
}

/** A WeChat error type that stands for one errcode. */
export interface WeChatErrorClass {
  new (failure: ErrcodeFailure): WeChatError;
  readonly errcode: number;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 40013: the appid or open_appid is unknown to WeChat, or the appid is not the account the token belongs to.' })
export class InvalidAppIdError extends WeChatError {
  static readonly errcode = 40013;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89001: the account and the open platform account have different owners (subjects).' })
export class SubjectMismatchError extends WeChatError {
  static readonly errcode = 89001;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89003: the open platform account was not created through the API; only the web console can unbind from it.' })
export class OpenAccountNotCreatedByApiError extends WeChatError {
  static readonly errcode = 89003;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89004: the open platform account is over its limit of bound accounts (100 verified, 5 while unverified).' })
export class OpenAccountLimitExceededError extends WeChatError {
  static readonly errcode = 89004;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89002: the account is not bound to that open platform account (or to any).' })
export class OpenAccountNotBoundError extends WeChatError {
  static readonly errcode = 89002;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'For a read: when WeChat was asked (earlier than now when the answer came from the read cache). Null for a change.',
  })
  fetchedAt: Date | null = null;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89000: the account is already bound to an open platform account.' })
export class AccountAlreadyBoundError extends WeChatError {
  static readonly errcode = 89000;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 89036: the open platform account was neither created through the API nor verified, so accounts cannot be bound to it through the API.' })
export class OpenAccountNotBindableError extends WeChatError {
  static readonly errcode = 89036;
}

@ObjectType({
  simpleResolvers: true,
  implements: [WeChatError, GatewayError],
  description: 'Any errcode without a type of its own in this result (for example -1 system busy, 48001 API not authorised, 45009 daily quota reached, 45011 minute quota reached: see retryAfterSeconds). Switch on errcode for the rare ones that matter to you.',
})
export class OtherWeChatError extends WeChatError {}
