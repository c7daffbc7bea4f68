/**
 * The simulated WeChat as one model: the accounts family (accounts.ts), the access tokens
 * (tokens.ts), the open-account rules (open-account-calls.ts) and the third-party platforms
 * (component.ts), sharing one clock. Pure logic, no HTTP: every rule returns the JSON WeChat
 * would answer. Tests set up and inspect state through these objects directly.
 */
import { AccountState } from './accounts';
import { ComponentState } from './component';
import { OpenAccountCalls } from './open-account-calls';
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

  constructor(opts: StateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.accounts = new AccountState();
    this.tokens = new TokenState(this.accounts, opts.tokenTtlSeconds ?? 7200, this.now);
    this.openAccountCalls = new OpenAccountCalls(this.accounts, this.tokens);
    this.components = new ComponentState(this.accounts, this.tokens, this.now, opts.rotateRefreshTokens ?? false);
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
