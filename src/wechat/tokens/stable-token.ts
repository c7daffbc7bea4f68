import type { WeChatTransport } from '../transport/wechat-transport';
import { failure, type WeChatResult } from '../vocabulary/result';
import type { SharedTokenCache } from './shared-token-cache';
import { issuedTokenIn, type IssuedToken, type TokenProvider } from './token-provider';

/**
 * Tokens for accounts that call for themselves, with their own appsecret, through
 * `POST /cgi-bin/stable_token`. Unlike `/cgi-bin/token`, a stable token is returned unchanged
 * while it is valid, so a fetch never invalidates a token another process still uses. The gateway
 * never sends `force_refresh: true` (limited to 20 a day, and it breaks every other holder).
 */
export class StableTokenProvider implements TokenProvider {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly secrets: ReadonlyMap<string, string>,
    private readonly cache: SharedTokenCache,
  ) {}

  /** Whether the gateway holds this appid's own secret. */
  has(appid: string): boolean {
    return this.secrets.has(appid);
  }

  token(appid: string, refused?: string): Promise<WeChatResult<string>> {
    const secret = this.secrets.get(appid);
    if (secret === undefined) return Promise.resolve(failure({ kind: 'no-credentials', appid, tried: [{ source: 'own-secret', outcome: 'not-configured' }] }));
    return this.cache.get(cacheKey(appid), () => this.fetch(appid, secret), refused);
  }

  invalidate(appid: string, failedToken: string): Promise<void> {
    return this.cache.invalidate(cacheKey(appid), failedToken);
  }

  private async fetch(appid: string, secret: string): Promise<WeChatResult<IssuedToken>> {
    const answer = await this.transport.send({
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid, secret, force_refresh: false },
      stage: 'token',
    });
    return answer.ok ? issuedTokenIn(answer.data, 'access_token', 'stable_token') : answer;
  }
}

/** The store key of an account's own token. */
function cacheKey(appid: string): string {
  return `stable:${appid}`;
}
