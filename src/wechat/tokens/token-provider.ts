import type { WeChatBody } from '../transport/wechat-transport';
import { badAnswer, success, type WeChatResult } from '../vocabulary/result';

/**
 * Where access tokens come from for an appid. Implementations: the account's own secret
 * (`StableTokenProvider`), a third-party platform acting for an authorizer
 * (`AuthorizerTokenProvider`), and `CredentialRouter`, which picks between them per appid.
 */
export interface TokenProvider {
  /**
   * A token to put in the URL of a call made for `appid`, or why there is none. `refused`: a
   * token WeChat just refused for this appid, which must not be handed back.
   */
  token(appid: string, refused?: string): Promise<WeChatResult<string>>;
  /**
   * WeChat refused `failedToken` (40001/40014/42001). Forget it, but only if it is still the
   * cached one: a concurrent call (or another replica) may already have replaced it, and dropping
   * the new token would cause a second, needless fetch.
   */
  invalidate(appid: string, failedToken: string): Promise<void>;
}

/** A token as WeChat issued it. */
export interface IssuedToken {
  readonly value: string;
  readonly expiresInSeconds: number;
}

/**
 * The token and its lifetime in a token call's answer (`tokenField` and `expires_in`), or a bad
 * answer naming the call: errcode 0 without a usable token is no success.
 */
export function issuedTokenIn(fields: WeChatBody, tokenField: string, call: string): WeChatResult<IssuedToken> {
  const value = fields[tokenField];
  const expiresInSeconds = fields['expires_in'];
  if (typeof value !== 'string' || value === '' || typeof expiresInSeconds !== 'number' || expiresInSeconds <= 0) {
    return badAnswer(`${call} answer lacks ${tokenField} or expires_in`, 'token');
  }
  return success({ value, expiresInSeconds });
}
