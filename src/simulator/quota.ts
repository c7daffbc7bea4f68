/**
 * WeChat's daily API quotas in the simulated WeChat: a daily limit per API path, what each
 * account used of it today (Beijing days), and the account's quota resets this month (10 allowed,
 * then 48006). The HTTP face charges a call to its account before the rule runs; a call over the
 * limit answers 45009, so quota/get, clear_quota and 45009 all arise from the same counts.
 */

/**
 * The APIs with a daily quota here, and their limits. WeChat does not publish these per API (it
 * answers them through quota/get); the defaults are generous so load runs (bench/) are never
 * throttled, and tests lower one with setDailyLimit to reach 45009.
 */
export const DAILY_LIMITS: ReadonlyMap<string, number> = new Map([
  ['/cgi-bin/open/create', 10_000_000],
  ['/cgi-bin/open/bind', 10_000_000],
  ['/cgi-bin/open/unbind', 10_000_000],
  ['/cgi-bin/open/get', 10_000_000],
  ['/cgi-bin/open/have', 10_000_000],
  ['/cgi-bin/openapi/quota/get', 10_000_000],
  ['/cgi-bin/openapi/rid/get', 10_000_000],
]);

/** The platform's own APIs: their quota is the component's, not an account token's (76022). */
export function isComponentApi(cgiPath: string): boolean {
  return cgiPath.startsWith('/cgi-bin/component/');
}

/** Resets allowed per account per calendar month. */
export const CLEARS_PER_MONTH = 10;

/** WeChat's day and month are Beijing's (UTC+8). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export class QuotaState {
  /** `${appid} ${day}` → path → calls today. */
  private readonly used = new Map<string, Map<string, number>>();
  /** `${appid} ${month}` → resets this month. */
  private readonly clears = new Map<string, number>();
  private readonly limits = new Map(DAILY_LIMITS);

  constructor(private readonly now: () => number) {}

  // ---- test setup ----

  /** Sets an API's daily limit, e.g. to reach 45009 in a few calls. */
  setDailyLimit(cgiPath: string, limit: number): void {
    this.limits.set(cgiPath, limit);
  }

  // ---- for the HTTP face and the rules ----

  /** The daily limit of a path, or undefined when it has no quota here (WeChat: 76021 when asked). */
  dailyLimit(cgiPath: string): number | undefined {
    return this.limits.get(cgiPath);
  }

  usedToday(appid: string, cgiPath: string): number {
    return this.used.get(this.dayKey(appid))?.get(cgiPath) ?? 0;
  }

  /** Charges one call of `appid` to `cgiPath`: false (and nothing charged) when today's limit is reached. */
  charge(appid: string, cgiPath: string): boolean {
    const limit = this.limits.get(cgiPath);
    if (limit === undefined) return true;
    const key = this.dayKey(appid);
    const paths = this.used.get(key) ?? new Map<string, number>();
    const used = paths.get(cgiPath) ?? 0;
    if (used >= limit) return false;
    paths.set(cgiPath, used + 1);
    this.used.set(key, paths);
    return true;
  }

  /** Resets every count of `appid` for today, if this month's resets allow: false when they do not. */
  clear(appid: string): boolean {
    const key = `${appid} ${this.month()}`;
    const done = this.clears.get(key) ?? 0;
    if (done >= CLEARS_PER_MONTH) return false;
    this.clears.set(key, done + 1);
    this.used.delete(this.dayKey(appid));
    return true;
  }

  private dayKey(appid: string): string {
    return `${appid} ${new Date(this.now() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)}`;
  }

  private month(): string {
    return new Date(this.now() + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
  }
}
