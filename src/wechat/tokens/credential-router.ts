import type { AuthorizerTokenProvider } from './authorizer-token';
import { failure, type CredentialAttempt, type WeChatResult } from '../vocabulary/result';
import type { StableTokenProvider } from './stable-token';
import type { TokenProvider } from './token-provider';

const OWN_SECRET_NOT_CONFIGURED: CredentialAttempt = { source: 'own-secret', outcome: 'not-configured' };

/**
 * Picks the credentials a call for an appid uses, in this order:
 * 1. the account's own appsecret, when the appid is in WECHAT_APPS (it calls for itself);
 * 2. the third-party platform's authorisation, when a platform is configured (the usual caller
 *    of the open-account API is a platform acting for the merchants that authorised it);
 * 3. neither: `no-credentials`, listing what was tried and why each did not apply, so the answer
 *    says what to fix (add a secret, or have the merchant authorise the platform).
 */
export class CredentialRouter implements TokenProvider {
  constructor(
    private readonly own: StableTokenProvider,
    private readonly platform: AuthorizerTokenProvider | undefined,
  ) {}

  async token(appid: string, refused?: string): Promise<WeChatResult<string>> {
    if (this.own.has(appid)) return this.own.token(appid, refused);
    if (this.platform === undefined) {
      return failure({ kind: 'no-credentials', appid, tried: [OWN_SECRET_NOT_CONFIGURED, { source: 'platform', outcome: 'not-configured' }] });
    }
    const result = await this.platform.token(appid, refused);
    if (!result.ok && result.failure.kind === 'no-credentials') {
      return failure({ kind: 'no-credentials', appid, tried: [OWN_SECRET_NOT_CONFIGURED, ...result.failure.tried] });
    }
    return result;
  }

  invalidate(appid: string, failedToken: string): Promise<void> {
    if (this.own.has(appid)) return this.own.invalidate(appid, failedToken);
    return this.platform?.invalidate(appid, failedToken) ?? Promise.resolve();
  }
}
