/**
 * The simulated WeChat as one model: the accounts family (accounts.ts), the access tokens
 * (tokens.ts), the open-account rules (open-account-calls.ts) and the third-party platforms
 * (component.ts), and the quotas and served requests the diagnosis calls read (quota.ts,
 * served-requests.ts, diagnostics-calls.ts), sharing one clock. Pure logic, no HTTP: every rule
 * returns the JSON WeChat would answer. Tests set up and inspect state through these objects.
 */
import { AccountState } from './accounts';
import { ComponentState } from './component';
import { DiagnosticsCalls } from './diagnostics-calls';
import { OpenAccountCalls } from './open-account-calls';
import { QuotaState } from './quota';
import { ServedRequests } from './served-requests';
import { TokenState } from './tokens';

export interface StateOptions {
  /** Lifetime of issued access tokens; default 7200 as on WeChat. */
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; injectable so token lifetimes can be tested without waiting. */
  now?: () => number;
  /** Each api_authorizer_token answers a new refresh token (the old one stops working). */
  rotateRefreshTokens?: boolean;
}

export class WechatState {
  readonly now: () => number;
  /** Accounts, open accounts, and which account is bound where. */
  readonly accounts: AccountState;
  /** Access tokens acting for accounts, and the two token calls. */
  readonly tokens: TokenState;
  /** createOpenAccount, bindOpenAccount, unbindOpenAccount, getOpenAccount, haveOpenAccount. */
  readonly openAccountCalls: OpenAccountCalls;
  /** Third-party platforms: tickets, component tokens, authorizations, authorizer tokens. */
  readonly components: ComponentState;
  /** Daily API quotas per account and path, and the monthly quota resets. */
  readonly quota: QuotaState;
  /** The requests served, by rid, for 7 days (what rid/get answers from). */
  readonly served: ServedRequests;
  /** quota/get, clear_quota, rid/get. */
  readonly diagnosticsCalls: DiagnosticsCalls;

  constructor(opts: StateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.accounts = new AccountState();
    this.tokens = new TokenState(this.accounts, opts.tokenTtlSeconds ?? 7200, this.now);
    this.openAccountCalls = new OpenAccountCalls(this.accounts, this.tokens);
    this.components = new ComponentState(this.accounts, this.tokens, this.now, opts.rotateRefreshTokens ?? false);
    this.quota = new QuotaState(this.now);
    this.served = new ServedRequests(this.now);
    this.diagnosticsCalls = new DiagnosticsCalls(this.tokens, this.quota, this.served);
  }

  /** Every still-valid token of every kind (or that appid's, or that component's) expires now: 42001. */
  expireTokens(appid?: string): void {
    this.tokens.expireTokens(appid);
    this.components.expireTokens(appid);
  }

  /** Every token of every kind (or that appid's) is forgotten, as if replaced elsewhere: 40001. */
  revokeTokens(appid?: string): void {
    this.tokens.revokeTokens(appid);
    this.components.revokeTokens(appid);
  }
}
