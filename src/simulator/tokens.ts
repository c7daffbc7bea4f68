/**
 * The access-token family of the simulated WeChat: every token that acts for an account (stable,
 * plain, and the authorizer tokens the platform rules issue), how each one ends, and the two
 * token calls. Pure rules: every errcode arises from state and the injected clock.
 */
import { randomBytes } from 'node:crypto';
import type { AccountState } from './accounts';
import { fail, isAbsent, isObject, seconds, type Outcome, type QueryParams, type RequestBody } from './answers';

/** How a token stops working: expiry answers 42001, being replaced answers 40001. */
type TokenEnd = 'expired' | 'superseded';

export type TokenKind = 'stable' | 'plain' | 'authorizer';

interface TokenRecord {
  /** The account the token acts for (an authorizer token acts for its authorizer too). */
  readonly appid: string;
  readonly kind: TokenKind;
  validUntil: number;
  endReason: TokenEnd;
}

/** WeChat renews a stable token this long before it expires, and a replaced plain token works this much longer. */
const GRACE_MS = 300_000;

/** stable_token in normal mode: 10,000 calls a minute (then 45011) and 500,000 a day (then 45009) per account. */
export const STABLE_TOKEN_PER_MINUTE = 10_000;
export const STABLE_TOKEN_PER_DAY = 500_000;

/** stable_token `force_refresh: true`: 20 a day per account, and not again within 30 seconds. */
export const FORCE_REFRESHES_PER_DAY = 20;
export const FORCE_REFRESH_INTERVAL_MS = 30_000;

/** WeChat's days are Beijing's (UTC+8). */
const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export class TokenState {
  private readonly tokens = new Map<string, TokenRecord>();
  /** The latest token of each kind per appid: the two kinds are isolated from each other, as on WeChat. */
  private readonly latest = new Map<string, string>();
  /** appid → today's force refreshes (Beijing day) and when the last one was. */
  private readonly forced = new Map<string, { day: string; count: number; last: number }>();
  /** appid → stable_token calls this minute and this (Beijing) day. */
  private readonly stableCalls = new Map<string, { minute: number; inMinute: number; day: string; inDay: number }>();
  readonly ttlMs: number;

  constructor(
    private readonly accounts: AccountState,
    tokenTtlSeconds: number,
    private readonly now: () => number,
  ) {
    if (!(tokenTtlSeconds > 0)) throw new RangeError(`tokenTtlSeconds must be positive, got ${tokenTtlSeconds}`);
    this.ttlMs = tokenTtlSeconds * 1000;
  }

  // ---- test setup ----

  /** Every still-valid token (or that appid's) expires now: next use answers 42001. */
  expireTokens(appid?: string): void {
    const now = this.now();
    for (const t of this.tokens.values()) {
      if ((appid === undefined || t.appid === appid) && t.validUntil > now) {
        t.validUntil = now;
        t.endReason = 'expired';
      }
    }
  }

  /** Tokens are forgotten, as if replaced elsewhere: next use answers 40001. */
  revokeTokens(appid?: string): void {
    for (const [token, t] of this.tokens) {
      if (appid === undefined || t.appid === appid) this.tokens.delete(token);
    }
    for (const key of this.latest.keys()) {
      if (appid === undefined || key.endsWith(`/${appid}`)) this.latest.delete(key);
    }
  }

  /** Every token acting for `appid` issued as `kind` is forgotten (an authorizer revoking a platform). */
  revokeTokensOfKind(appid: string, kind: TokenKind): void {
    for (const [token, t] of this.tokens) if (t.appid === appid && t.kind === kind) this.tokens.delete(token);
  }

  // ---- for the rules ----

  /** Issues a token that acts for `appid` (the component rules issue authorizer tokens with it). */
  issue(appid: string, kind: TokenKind): string {
    let token: string;
    do token = randomBytes(64).toString('base64url');
    while (this.tokens.has(token));
    this.tokens.set(token, { appid, kind, validUntil: this.now() + this.ttlMs, endReason: 'expired' });
    this.latest.set(`${kind}/${appid}`, token);
    return token;
  }

  /** The appid a presented token acts for, or WeChat's answer when it is missing, unknown or over. */
  actingFor(token: string | null): { ok: true; appid: string } | { ok: false; outcome: Outcome } {
    if (token === null || token === '') return { ok: false, outcome: fail(41001) };
    const record = this.tokens.get(token);
    if (!record) return { ok: false, outcome: fail(40001) };
    if (this.now() >= record.validUntil) {
      return { ok: false, outcome: fail(record.endReason === 'expired' ? 42001 : 40001) };
    }
    return { ok: true, appid: record.appid };
  }

  // ---- the token calls ----

  /** POST /cgi-bin/stable_token (getStableAccessToken): the same token while it has more than 5 minutes left. */
  stableToken(body: RequestBody): Outcome {
    if (!body.ok || !isObject(body.value)) return fail(47001);
    const { grant_type, appid, secret, force_refresh } = body.value;
    const refused = this.checkCredentials(grant_type, appid, secret);
    if (refused) return refused;
    const id = appid as string;
    const now = this.now();
    const limited = this.chargeStableCall(id, now);
    if (limited) return limited;
    const key = `stable/${id}`;
    const currentToken = this.latest.get(key);
    const current = currentToken === undefined ? undefined : this.tokens.get(currentToken);
    if (force_refresh === true) {
      const history = this.forced.get(id);
      const today = history !== undefined && history.day === beijingDay(now) ? history : { day: beijingDay(now), count: 0, last: -Infinity };
      // Within 30 s of the last force refresh: the same token again, nothing refreshed.
      if (currentToken !== undefined && current && now - today.last < FORCE_REFRESH_INTERVAL_MS && now < current.validUntil) {
        return { answer: { access_token: currentToken, expires_in: seconds(current.validUntil - now) }, tokenFor: id };
      }
      if (today.count >= FORCE_REFRESHES_PER_DAY) return fail(45009);
      this.forced.set(id, { day: today.day, count: today.count + 1, last: now });
      // force_refresh invalidates the previous stable token at once.
      if (currentToken !== undefined) this.tokens.delete(currentToken);
    } else if (currentToken !== undefined && current && current.validUntil - now > this.renewMarginMs()) {
      return { answer: { access_token: currentToken, expires_in: seconds(current.validUntil - now) }, tokenFor: id };
    }
    // A renewed (not forced) stable token leaves the previous one valid until its own expiry.
    const token = this.issue(id, 'stable');
    return { answer: { access_token: token, expires_in: seconds(this.ttlMs) }, tokenFor: id };
  }

  /** GET /cgi-bin/token (getAccessToken): a new token each call; the previous one works 5 more minutes. */
  plainToken(query: QueryParams): Outcome {
    const appid = query.get('appid');
    const refused = this.checkCredentials(query.get('grant_type'), appid, query.get('secret'));
    if (refused) return refused;
    const id = appid as string;
    const previous = this.latest.get(`plain/${id}`);
    const record = previous === undefined ? undefined : this.tokens.get(previous);
    const graceEnd = this.now() + GRACE_MS;
    if (record && record.validUntil > graceEnd) {
      record.validUntil = graceEnd;
      record.endReason = 'superseded';
    }
    const token = this.issue(id, 'plain');
    return { answer: { access_token: token, expires_in: seconds(this.ttlMs) }, tokenFor: id };
  }

  /** Counts a stable_token call of `appid`: 45011 past the minute's limit, 45009 past the day's. */
  private chargeStableCall(appid: string, now: number): Outcome | undefined {
    const minute = Math.floor(now / 60_000);
    const day = beijingDay(now);
    const seen = this.stableCalls.get(appid);
    const calls = { minute, inMinute: seen?.minute === minute ? seen.inMinute : 0, day, inDay: seen?.day === day ? seen.inDay : 0 };
    if (calls.inDay >= STABLE_TOKEN_PER_DAY) return fail(45009);
    if (calls.inMinute >= STABLE_TOKEN_PER_MINUTE) return fail(45011);
    this.stableCalls.set(appid, { ...calls, inMinute: calls.inMinute + 1, inDay: calls.inDay + 1 });
    return undefined;
  }

  /** Token requests: grant_type, then presence of appid and secret, then whether they match. */
  private checkCredentials(grantType: unknown, appid: unknown, secret: unknown): Outcome | undefined {
    if (grantType !== 'client_credential') return fail(40002);
    if (isAbsent(appid)) return fail(41002);
    if (isAbsent(secret)) return fail(41004);
    const account = typeof appid === 'string' ? this.accounts.account(appid) : undefined;
    if (!account) return fail(40013);
    if (secret !== account.secret) return fail(40125);
    return undefined;
  }

  /** 5 minutes, or half the lifetime when a test shortens tokens below that, so reuse still happens. */
  private renewMarginMs(): number {
    return Math.min(GRACE_MS, this.ttlMs / 2);
  }
}
