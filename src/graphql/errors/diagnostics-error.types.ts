import { ObjectType } from 'type-graphql';
import { GatewayError } from './gateway-error.types';
import { WeChatError } from './wechat-error.types';

// The errcodes WeChat documents for its quota and rid calls, each its own type in the union of
// the operation that meets it (the rule for every operation). Plain data, like the others.

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 76021: WeChat does not know the cgi_path, or it is malformed (give it as /cgi-bin/open/unbind: no domain, no query).' })
export class InvalidCgiPathError extends WeChatError {
  static readonly errcode = 76021;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: "errcode 76022: this kind of token cannot query that cgi_path's quota." })
export class CgiPathNotQueryableError extends WeChatError {
  static readonly errcode = 76022;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 48006: the account has reset its quotas 10 times this month, the most WeChat allows.' })
export class QuotaClearLimitReachedError extends WeChatError {
  static readonly errcode = 48006;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 76001: WeChat has no request with this rid (it keeps them 7 days).' })
export class RequestIdNotFoundError extends WeChatError {
  static readonly errcode = 76001;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 76002: the rid is not one WeChat issues (three groups of 8 hex digits).' })
export class InvalidRequestIdError extends WeChatError {
  static readonly errcode = 76002;
}

@ObjectType({ simpleResolvers: true, implements: [WeChatError, GatewayError], description: 'errcode 76003: the rid belongs to a call another account made; only that account (or its platform) may read it.' })
export class RequestIdNotPermittedError extends WeChatError {
  static readonly errcode = 76003;
}
