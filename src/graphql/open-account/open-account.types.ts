import { Field, ObjectType } from 'type-graphql';
import { resultUnion } from '../errors/result-union';
import {
  InvalidAppIdError,
  OpenAccountLimitExceededError,
  OpenAccountNotBoundError,
  OpenAccountNotCreatedByApiError,
  SubjectMismatchError,
} from '../errors/wechat-error.types';

@ObjectType({ description: 'The open platform account an Official Account or Mini Program is bound to.' })
export class OpenAccount {
  @Field({ description: 'The Official Account or Mini Program.' })
  appid: string;

  @Field({ description: 'The open platform account it is bound to.' })
  openAppid: string;

  constructor(appid: string, openAppid: string) {
    this.appid = appid;
    this.openAppid = openAppid;
  }
}

@ObjectType({ description: 'The account is no longer bound to the open platform account.' })
export class UnbindOpenAccountSuccess {
  @Field({ description: 'The Official Account or Mini Program that was unbound.' })
  appid: string;

  @Field({ description: 'The open platform account it was unbound from.' })
  openAppid: string;

  constructor(appid: string, openAppid: string) {
    this.appid = appid;
    this.openAppid = openAppid;
  }
}

export const OpenAccountResult = resultUnion({
  name: 'OpenAccountResult',
  description: 'The open platform account of an appid (WeChat /cgi-bin/open/get), or why it could not be read.',
  success: OpenAccount,
  errors: [OpenAccountNotBoundError, InvalidAppIdError],
});

export const UnbindOpenAccountResult = resultUnion({
  name: 'UnbindOpenAccountResult',
  description: 'The outcome of unbinding an account from its open platform account (WeChat /cgi-bin/open/unbind).',
  success: UnbindOpenAccountSuccess,
  // 89002 is not in WeChat's list for unbind, but it is what repeating an unbind gets.
  errors: [InvalidAppIdError, SubjectMismatchError, OpenAccountNotCreatedByApiError, OpenAccountLimitExceededError, OpenAccountNotBoundError],
});
