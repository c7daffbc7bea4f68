/**
 * The accounts family of the simulated WeChat: Official Accounts and Mini Programs, the open
 * platform accounts they belong to, and which account is bound where. Test setup writes here
 * without rules (and refuses inconsistent state); the rules of the open-account calls live in
 * open-account-calls.ts and change bindings only through link and unlink.
 */
import { randomBytes } from 'node:crypto';

export interface Account {
  readonly appid: string;
  secret: string;
  readonly subject: string;
  readonly name: string;
  /** Permission set 24 (Official Account) / 25 (Mini Program) granted; without it create, bind, unbind and get answer 48001. */
  permissionGranted: boolean;
  /** Permission set 3 (Official Account) / 30 (Mini Program) granted; without it `have` answers 48001. */
  basicPermissionGranted: boolean;
}

export interface OpenAccount {
  readonly openAppid: string;
  readonly subject: string;
  /** Made by createOpenAccount; only those can be unbound through the API (else 89003). */
  createdByApi: boolean;
  /** Unverified, it holds at most UNVERIFIED_LIMIT accounts (of its one subject); verified, `quota`. */
  verified: boolean;
  quota: number;
  readonly members: ReadonlySet<string>;
}

export interface NewAccount {
  appid: string;
  secret: string;
  subject: string;
  name?: string;
  permissionGranted?: boolean;
  basicPermissionGranted?: boolean;
}

export interface NewOpenAccount {
  openAppid?: string;
  subject: string;
  createdByApi?: boolean;
  verified?: boolean;
  quota?: number;
  members?: string[];
}

export class AccountState {
  private readonly accounts = new Map<string, Account>();
  private readonly openAccounts = new Map<string, OpenAccount & { members: Set<string> }>();
  /** appid → the open_appid it is bound to. */
  private readonly bindings = new Map<string, string>();

  // ---- test setup: state without rules ----

  /** Forgets every account, open account and binding (the control surface's reset to the demo data). */
  clear(): void {
    this.accounts.clear();
    this.openAccounts.clear();
    this.bindings.clear();
  }

  addAccount(a: NewAccount): void {
    if (this.accounts.has(a.appid)) throw new Error(`account ${a.appid} already exists`);
    this.accounts.set(a.appid, {
      appid: a.appid,
      secret: a.secret,
      subject: a.subject,
      name: a.name ?? a.appid,
      permissionGranted: a.permissionGranted ?? true,
      basicPermissionGranted: a.basicPermissionGranted ?? true,
    });
  }

  addOpenAccount(o: NewOpenAccount): string {
    const openAppid = o.openAppid ?? this.newOpenAppid();
    if (!/^[A-Za-z0-9_-]+$/.test(openAppid)) throw new Error(`open_appid ${JSON.stringify(openAppid)} has characters WeChat ids never have`);
    if (this.openAccounts.has(openAppid)) throw new Error(`open account ${openAppid} already exists`);
    for (const appid of o.members ?? []) {
      this.requireAccount(appid);
      const current = this.bindings.get(appid);
      if (current !== undefined) throw new Error(`account ${appid} is already bound to ${current}`);
    }
    this.openAccounts.set(openAppid, {
      openAppid,
      subject: o.subject,
      createdByApi: o.createdByApi ?? true,
      verified: o.verified ?? false,
      quota: o.quota ?? 100,
      members: new Set(),
    });
    for (const appid of o.members ?? []) this.link(appid, openAppid);
    return openAppid;
  }

  /** Binds regardless of rules, moving the account off any open account it was on. */
  bindDirect(appid: string, openAppid: string): void {
    this.requireAccount(appid);
    if (!this.openAccounts.has(openAppid)) throw new Error(`unknown open account ${openAppid}`);
    this.unlink(appid);
    this.link(appid, openAppid);
  }

  /** Changes an account after setup, e.g. a rotated secret (40125) or a withdrawn permission (48001). */
  updateAccount(appid: string, patch: { secret?: string; permissionGranted?: boolean; basicPermissionGranted?: boolean }): void {
    Object.assign(this.requireAccount(appid), patch);
  }

  /** Changes an open account after setup, e.g. a quota lowered below its member count (89004). */
  updateOpenAccount(openAppid: string, patch: { createdByApi?: boolean; verified?: boolean; quota?: number }): void {
    const open = this.openAccounts.get(openAppid);
    if (!open) throw new Error(`unknown open account ${openAppid}`);
    Object.assign(open, patch);
  }

  // ---- reads ----

  openAppidOf(appid: string): string | undefined {
    return this.bindings.get(appid);
  }

  account(appid: string): Readonly<Account> | undefined {
    return this.accounts.get(appid);
  }

  openAccount(openAppid: string): Readonly<OpenAccount> | undefined {
    return this.openAccounts.get(openAppid);
  }

  // ---- for the rules, once they have checked ----

  link(appid: string, openAppid: string): void {
    this.bindings.set(appid, openAppid);
    this.openAccounts.get(openAppid)?.members.add(appid);
  }

  unlink(appid: string): void {
    const openAppid = this.bindings.get(appid);
    if (openAppid === undefined) return;
    this.bindings.delete(appid);
    this.openAccounts.get(openAppid)?.members.delete(appid);
  }

  private newOpenAppid(): string {
    let id: string;
    do id = `wxo${randomBytes(8).toString('hex').slice(0, 15)}`;
    while (this.openAccounts.has(id));
    return id;
  }

  private requireAccount(appid: string): Account {
    const account = this.accounts.get(appid);
    if (!account) throw new Error(`unknown account ${appid}: add it with addAccount first`);
    return account;
  }
}
