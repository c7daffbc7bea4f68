import type { WeChatResult } from '../vocabulary/result';

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
