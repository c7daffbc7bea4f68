import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CredentialAttempt, NoCredentialsFailure, OutcomeUnknownFailure, OverloadedFailure, StoreUnavailableFailure, UnavailableFailure } from '../../wechat';
import { GatewayError } from './gateway-error.types';

// Result and error types are plain data: `simpleResolvers` gives their fields graphql-js's
// default resolver instead of type-graphql's middleware stack on every field of every response.

export enum UnavailableReason {
  CONNECT = 'CONNECT',
  TIMEOUT = 'TIMEOUT',
  CONNECTION_LOST = 'CONNECTION_LOST',
  HTTP_STATUS = 'HTTP_STATUS',
  BAD_RESPONSE = 'BAD_RESPONSE',
}

registerEnumType(UnavailableReason, {
  name: 'UnavailableReason',
  description: 'Why no usable answer came from WeChat.',
  valuesConfig: {
    CONNECT: { description: 'WeChat could not be reached; the request was never sent.' },
    TIMEOUT: { description: 'WeChat did not answer in time after the request was sent.' },
    CONNECTION_LOST: { description: 'The connection closed before WeChat answered.' },
    HTTP_STATUS: { description: 'WeChat answered with an HTTP status other than 200.' },
    BAD_RESPONSE: { description: 'WeChat answered something that is not a WeChat JSON answer.' },
  },
});

const REASONS: Record<UnavailableFailure['reason'], UnavailableReason> = {
  connect: UnavailableReason.CONNECT,
  timeout: UnavailableReason.TIMEOUT,
  'connection-lost': UnavailableReason.CONNECTION_LOST,
  'http-status': UnavailableReason.HTTP_STATUS,
  'bad-response': UnavailableReason.BAD_RESPONSE,
};

@ObjectType({ simpleResolvers: true, implements: GatewayError, description: 'No usable answer came from WeChat (unreachable, timed out, or not a WeChat answer). Retry later.' })
export class WeChatUnavailableError extends GatewayError {
  @Field(() => UnavailableReason)
  reason: UnavailableReason;

  @Field(() => Int, { nullable: true, description: 'The HTTP status WeChat answered with, when that was the problem.' })
  httpStatus: number | null;

  @Field({ description: 'False only when the request provably never reached WeChat. When true, a change may have been applied: read the state before sending it again.' })
  mayHaveReachedWeChat: boolean;

  constructor(failure: UnavailableFailure) {
    super();
    this.reason = REASONS[failure.reason];
    this.httpStatus = failure.httpStatus ?? null;
    this.mayHaveReachedWeChat = failure.sent === 'maybe';
    this.retryable = true;
    const what = failure.stage === 'token' ? 'Fetching the access token failed: WeChat' : 'WeChat';
    const answer =
      failure.reason === 'connect' ? 'could not be reached, so nothing was sent'
      : failure.reason === 'timeout' ? 'did not answer in time'
      : failure.reason === 'connection-lost' ? 'closed the connection without answering'
      : `gave no usable answer (${failure.detail})`;
    const advice = failure.sent === 'no' || failure.stage === 'token' ? 'Try again later.' : 'A change may or may not have been applied: read the current state before trying again.';
    this.message = `${what} ${answer}. ${advice}`;
  }
}

@ObjectType({ simpleResolvers: true, implements: GatewayError, description: 'The gateway holds no credentials that can act for this appid: neither its own appsecret nor a third-party platform authorisation. The message says what was tried; nothing was sent.' })
export class NoCredentialsError extends GatewayError {
  @Field({ description: 'The appid the gateway has no credentials for.' })
  appid: string;

  constructor(failure: NoCredentialsFailure) {
    super();
    this.appid = failure.appid;
    // Only a missing verify ticket fixes itself: WeChat pushes one every 10 minutes.
    this.retryable = failure.tried.some((t) => t.outcome === 'no-verify-ticket');
    this.message = `The gateway has no credentials for appid ${failure.appid}, so nothing was sent. Tried: ${failure.tried.map(describeAttempt).join('; ')}.`;
  }
}

function describeAttempt(attempt: CredentialAttempt): string {
  if (attempt.source === 'own-secret') return 'its own appsecret (not in WECHAT_APPS; add it there if the account calls for itself)';
  switch (attempt.outcome) {
    case 'not-configured':
      return 'a third-party platform authorisation (no platform configured: set WECHAT_COMPONENT_APPID and the other WECHAT_COMPONENT_ variables)';
    case 'not-authorised':
      return `third-party platform ${attempt.componentAppid} (the account has not authorised it, or revoked it: the merchant must authorise the platform, or import its refresh token)`;
    case 'no-verify-ticket':
      return `third-party platform ${attempt.componentAppid} (WeChat has not pushed a component_verify_ticket to the callback yet; it does every 10 minutes, retry then)`;
  }
}

@ObjectType({ simpleResolvers: true, implements: GatewayError, description: "The gateway's credential store (Redis, or its state file) could not be reached, so no access token could be read or refreshed. Nothing was sent to WeChat. Retry later." })
export class CredentialStoreUnavailableError extends GatewayError {
  constructor(failure: StoreUnavailableFailure) {
    super();
    this.retryable = true;
    const store = failure.store === 'redis' ? 'Redis' : 'state file';
    this.message = `The gateway's credential store (${store}) could not be reached, so no access token could be read or refreshed and nothing was sent to WeChat. Retry later; operators: check the gateway's logs.`;
  }
}

@ObjectType({ simpleResolvers: true, implements: GatewayError, description: 'The gateway has as many WeChat calls in flight and queued as it allows, so it did not send this one. Retry shortly, with backoff.' })
export class OverloadedError extends GatewayError {
  constructor(failure: OverloadedFailure) {
    super();
    this.retryable = true;
    this.retryAfterSeconds = failure.retryAfterSeconds;
    this.message = `The gateway is at its limit of WeChat calls in flight and queued (WeChat is slow or the gateway is busy), so nothing was sent. Retry after ${failure.retryAfterSeconds} s, with backoff.`;
  }
}

@ObjectType({ simpleResolvers: true, implements: GatewayError, description: 'A change was sent to WeChat, no answer came, and reading the state could not tell whether it was applied.' })
export class OutcomeUnknownError extends GatewayError {
  @Field({ description: 'What to read before trying again.' })
  check: string;

  constructor(failure: OutcomeUnknownFailure) {
    super();
    this.check = failure.check;
    this.retryable = false;
    this.message = `WeChat may or may not have applied the change: the request was sent but no answer came, and the state could not be read to tell. ${failure.check}`;
  }
}
