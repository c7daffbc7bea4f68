import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { resultUnion } from '../errors/result-union';
import {
  AccountAlreadyBoundError,
  InvalidAppIdError,
  OpenAccountLimitExceededError,
  OpenAccountNotBindableError,
  OpenAccountNotBoundError,
  OpenAccountNotCreatedByApiError,
  SubjectMismatchError,
} from '../errors/wechat-error.types';
import { WeChatApp } from './wechat-app.types';

// Result and error types are plain data: `simpleResolvers` gives their fields graphql-js's
// default resolver instead of type-graphql's middleware stack on every field of every response.

/**
 * An account and an open platform account: what every success of this family reports. A base
 * for fields only; type-graphql emits no type for it, as no field returns it.
 */
@ObjectType({ simpleResolvers: true })
abstract class AccountAndOpenAccount {
  @Field({ description: 'The Official Account or Mini Program.' })
  appid: string;

  @Field({ description: 'The open platform account.' })
  openAppid: string;

  @Field(() => WeChatApp, { description: 'The account as an entity: read its state as it is now, even later in the same operation.' })
  app: WeChatApp;

  constructor(appid: string, openAppid: string) {
    this.appid = appid;
    this.openAppid = openAppid;
    this.app = new WeChatApp(appid);
  }
}

const FETCHED_AT = 'When WeChat was asked: earlier than now when the answer came from the read cache (WECHAT_READ_CACHE_SECONDS; ask for fresher with maxAge).';

@ObjectType({ simpleResolvers: true, description: 'The open platform account an Official Account or Mini Program is bound to.' })
export class OpenAccount extends AccountAndOpenAccount {
  @Field(() => GraphQLISODateTime, { description: FETCHED_AT })
  fetchedAt: Date;

  constructor(appid: string, openAppid: string, fetchedAt: Date) {
    super(appid, openAppid);
    this.fetchedAt = fetchedAt;
  }
}

/** A change WeChat applied. */
@ObjectType({ simpleResolvers: true })
abstract class ChangeApplied extends AccountAndOpenAccount {
  @Field({ description: "True when WeChat's answer was lost and reading the account's open account confirmed the change." })
  verifiedByRead: boolean;

  constructor(appid: string, openAppid: string, verifiedByRead: boolean) {
    super(appid, openAppid);
    this.verifiedByRead = verifiedByRead;
  }
}

@ObjectType({ simpleResolvers: true, description: 'A new open platform account was created, with the account bound to it.' })
export class CreateOpenAccountSuccess extends ChangeApplied {}

@ObjectType({ simpleResolvers: true, description: 'The account is now bound to the open platform account.' })
export class BindOpenAccountSuccess extends ChangeApplied {}

@ObjectType({ simpleResolvers: true, description: 'The account is no longer bound to the open platform account.' })
export class UnbindOpenAccountSuccess extends ChangeApplied {}

@ObjectType({ simpleResolvers: true, description: 'Whether an Official Account or Mini Program is bound to an open platform account.' })
export class OpenAccountStatus {
  @Field({ description: 'The Official Account or Mini Program.' })
  appid: string;

  @Field({ description: 'True when it is bound to an open platform account.' })
  hasOpenAccount: boolean;

  @Field(() => GraphQLISODateTime, { description: FETCHED_AT })
  fetchedAt: Date;

  constructor(appid: string, hasOpenAccount: boolean, fetchedAt: Date) {
    this.appid = appid;
    this.hasOpenAccount = hasOpenAccount;
    this.fetchedAt = fetchedAt;
  }
}

export const OpenAccountResult = resultUnion({
  name: 'OpenAccountResult',
  description: 'The open platform account of an appid (WeChat /cgi-bin/open/get), or why it could not be read.',
  success: OpenAccount,
  errors: [OpenAccountNotBoundError, InvalidAppIdError],
});

export const HasOpenAccountResult = resultUnion({
  name: 'HasOpenAccountResult',
  description: 'Whether an appid is bound to an open platform account (WeChat /cgi-bin/open/have), or why it could not be read.',
  success: OpenAccountStatus,
  errors: [InvalidAppIdError],
});

export const CreateOpenAccountResult = resultUnion({
  name: 'CreateOpenAccountResult',
  description: 'The outcome of creating an open platform account for an account (WeChat /cgi-bin/open/create).',
  success: CreateOpenAccountSuccess,
  errors: [AccountAlreadyBoundError, InvalidAppIdError],
});

export const BindOpenAccountResult = resultUnion({
  name: 'BindOpenAccountResult',
  description: 'The outcome of binding an account to an open platform account (WeChat /cgi-bin/open/bind).',
  success: BindOpenAccountSuccess,
  errors: [AccountAlreadyBoundError, InvalidAppIdError, SubjectMismatchError, OpenAccountLimitExceededError, OpenAccountNotBindableError],
});

export const UnbindOpenAccountResult = resultUnion({
  name: 'UnbindOpenAccountResult',
  description: 'The outcome of unbinding an account from its open platform account (WeChat /cgi-bin/open/unbind).',
  success: UnbindOpenAccountSuccess,
  // 89002 is not in WeChat's list for unbind, but it is what repeating an unbind gets.
  errors: [InvalidAppIdError, SubjectMismatchError, OpenAccountNotCreatedByApiError, OpenAccountLimitExceededError, OpenAccountNotBoundError],
});
