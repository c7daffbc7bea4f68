import { Field, Int, ObjectType } from 'type-graphql';
import type { RequestRecord } from '../../wechat';
import { InvalidRequestIdError, RequestIdNotFoundError, RequestIdNotPermittedError } from '../errors/diagnostics-error.types';
import { resultUnion } from '../errors/result-union';

@ObjectType({ simpleResolvers: true, description: 'What WeChat saw of one call it served, found by its rid. Every credential (access token, appsecret, ticket, refresh token, code) is replaced by REDACTED.' })
export class WeChatRequest {
  @Field({ description: 'The request id, as in a WeChatError\'s requestId.' })
  rid: string;

  @Field(() => Int, { description: 'When WeChat received the call, in Unix seconds.' })
  invokeTime: number;

  @Field(() => Int, { description: 'How long WeChat took to answer it, in milliseconds.' })
  costInMs: number;

  @Field({ description: 'The URL called, with its access token replaced by REDACTED.' })
  requestUrl: string;

  @Field({ description: 'The body sent (empty for a GET), credentials redacted.' })
  requestBody: string;

  @Field({ description: 'The body WeChat answered, credentials redacted.' })
  responseBody: string;

  @Field({ description: 'The IP address the call came from, as WeChat saw it (check it against the IP whitelist).' })
  clientIp: string;

  constructor(record: RequestRecord) {
    this.rid = record.rid;
    this.invokeTime = record.invokeTime;
    this.costInMs = record.costInMs;
    this.requestUrl = record.requestUrl;
    this.requestBody = record.requestBody;
    this.responseBody = record.responseBody;
    this.clientIp = record.clientIp;
  }
}

export const WeChatRequestResult = resultUnion({
  name: 'WeChatRequestResult',
  description: 'What WeChat saw of a call, by its rid (WeChat /cgi-bin/openapi/rid/get), or why it could not be read.',
  success: WeChatRequest,
  errors: [RequestIdNotFoundError, InvalidRequestIdError, RequestIdNotPermittedError],
});
