/**
 * The simulated WeChat: accounts, open platform accounts, access tokens, and the rules WeChat
 * applies to them. Pure logic, no HTTP: every rule returns the JSON WeChat would answer, so the
 * errcodes arise from state alone, never from special input values.
 */
import { randomBytes } from 'node:crypto';

export interface Account {
  readonly appid: string;
  secret: string;
  readonly subject: string;
  readonly name: string;
  /** Permission set 24 (Official Account) / 25 (Mini Program) granted; without it 48001. */
  permissionGranted: boolean;
}

export interface OpenAccount {
  readonly openAppid: string;
  readonly subject: string;
  /** Made by createOpenAccount; only those can be unbound through the API (else 89003). */
  createdByApi: boolean;
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
}

export interface NewOpenAccount {
  openAppid?: string;
  subject: string;
  createdByApi?: boolean;
  verified?: boolean;
  quota?: number;
  members?: string[];
}

/** A request body as the server received it: parsed JSON, or something that was not JSON. */
export type RequestBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** What a rule decided: the JSON to answer, and what to count. */
export interface Outcome {
  readonly answer: Record<string, unknown>;
  /** A mutation's state change took effect. */
  readonly applied?: boolean;
  /** A token request issued or returned a token for this appid. */
  readonly tokenFor?: string;
  /** Which kind of token, when not the account's own (stable or plain). */
  readonly tokenKind?: 'component' | 'authorizer';
}

export interface QueryParams {
  get(name: string): string | null;
}

export interface StateOptions {
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; injectable so token lifetimes can be tested without waiting. */
  now?: () => number;
}

/** errmsg texts as WeChat sends them (before the ` rid: …` suffix). */
const ERRMSG: ReadonlyMap<number, string> = new Map([
  [-1, 'system error'],
  [40001, 'invalid credential, access_token is invalid or not latest'],
  [40002, 'invalid grant_type'],
  [40013, 'invalid appid'],
  [40014, 'invalid access_token'],
  [40125, 'invalid appsecret'],
  [41001, 'access_token missing'],
  [41002, 'appid missing'],
  [41004, 'appsecret missing'],
  [42001, 'access_token expired'],
  [45009, 'reach max api daily quota limit'],
  [45011, 'api minute-quota reach limit  mustslower  retry next minute'],
  [47001, 'data format error'],
  [48001, 'api unauthorized'],
  [40029, 'invalid code'],
  [61005, 'component ticket is expired'],
  [61006, 'component ticket is invalid'],
  [61023, 'refresh_token is invalid'],
  [89000, 'account has bound open'],
  [89001, 'not same contractor'],
  [89002, 'open not exists'],
  [89003, 'open is not created by api'],
  [89004, 'number of sub-accounts bound to this open-account exceeds the limit'],
  [89036, 'open account not created by api or not verified'],
]);

/** WeChat's request id, the thing its support asks for: three groups of 8 hex digits. */
export function newRid(): string {
  return [0, 1, 2].map(() => randomBytes(4).toString('hex')).join('-');
}

/** A WeChat error answer; every errmsg other than "ok" carries a request id. */
export function wxError(errcode: number, errmsg?: string): { errcode: number; errmsg: string } {
  if (errcode === 0) return { errcode, errmsg: errmsg ?? 'ok' };
  const text = errmsg ?? ERRMSG.get(errcode) ?? 'unknown error';
  return { errcode, errmsg: `${text} rid: ${newRid()}` };
}

function fail(errcode: number): Outcome {
  return { answer: wxError(errcode) };
}

function ok(extra: Record<string, unknown> = {}, applied = false): Outcome {
  return { answer: { errcode: 0, errmsg: 'ok', ...extra }, applied };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** How a token stops working: expiry answers 42001, being replaced answers 40001. */
type TokenEnd = 'expired' | 'superseded';

interface TokenRecord {
  /** The account the token acts for (an authorizer token would act for its authorizer too). */
  readonly appid: string;
  readonly kind: 'stable' | 'plain' | 'authorizer';
  validUntil: number;
  endReason: TokenEnd;
}

type Gate = { ok: true; account: Account; body: Record<string, unknown> } | { ok: false; outcome: Outcome };

/** WeChat renews a stable token this long before it expires, and a replaced plain token works this much longer. */
const GRACE_MS = 300_000;

export class WechatState {
  private readonly accounts = new Map<string, Account>();
  private readonly openAccounts = new Map<string, OpenAccount & { members: Set<string> }>();
  private readonly bindings = new Map<string, string>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** The latest token of each kind per appid: the two kinds are isolated from each other, as on WeChat. */
  private readonly latest = new Map<string, string>();
  private readonly ttlMs: number;
  readonly now: () => number;

  constructor(opts: StateOptions = {}) {
    const ttl = opts.tokenTtlSeconds ?? 7200;
    if (!(ttl > 0)) throw new RangeError(`tokenTtlSeconds must be positive, got ${ttl}`);
    this.ttlMs = ttl * 1000;
    this.now = opts.now ?? Date.now;
  }

  // ---- test setup: state without rules ----

  addAccount(a: NewAccount): void {
    if (this.accounts.has(a.appid)) throw new Error(`account ${a.appid} already exists`);
    this.accounts.set(a.appid, {
      appid: a.appid,
      secret: a.secret,
      subject: a.subject,
      name: a.name ?? a.appid,
      permissionGranted: a.permissionGranted ?? true,
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
  updateAccount(appid: string, patch: { secret?: string; permissionGranted?: boolean }): void {
    Object.assign(this.requireAccount(appid), patch);
  }

  /** Changes an open account after setup, e.g. a quota lowered below its member count (89004). */
  updateOpenAccount(openAppid: string, patch: { createdByApi?: boolean; verified?: boolean; quota?: number }): void {
    const open = this.openAccounts.get(openAppid);
    if (!open) throw new Error(`unknown open account ${openAppid}`);
    Object.assign(open, patch);
  }

  openAppidOf(appid: string): string | undefined {
    return this.bindings.get(appid);
  }

  account(appid: string): Readonly<Account> | undefined {
    return this.accounts.get(appid);
  }

  openAccount(openAppid: string): Readonly<OpenAccount> | undefined {
    return this.openAccounts.get(openAppid);
  }

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

  /** Every token acting for `appid` issued as `kind` is forgotten (an authorizer revoking a platform). */
  revokeTokensOfKind(appid: string, kind: TokenRecord['kind']): void {
    for (const [token, t] of this.tokens) if (t.appid === appid && t.kind === kind) this.tokens.delete(token);
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

  // ---- token calls ----

  /** POST /cgi-bin/stable_token (getStableAccessToken): the same token while it has more than 5 minutes left. */
  stableToken(body: RequestBody): Outcome {
    if (!body.ok || !isObject(body.value)) return fail(47001);
    const { grant_type, appid, secret, force_refresh } = body.value;
    const refused = this.checkCredentials(grant_type, appid, secret);
    if (refused) return refused;
    const id = appid as string;
    const now = this.now();
    const key = `stable/${id}`;
    const currentToken = this.latest.get(key);
    const current = currentToken === undefined ? undefined : this.tokens.get(currentToken);
    if (force_refresh === true) {
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

  // ---- the open-account family ----

  /** POST /cgi-bin/open/create (createOpenAccount). */
  createOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const { account } = gate;
    if (this.bindings.has(account.appid)) return fail(89000);
    const openAppid = this.addOpenAccount({ subject: account.subject, createdByApi: true, verified: false });
    this.link(account.appid, openAppid);
    return ok({ open_appid: openAppid }, true);
  }

  /** POST /cgi-bin/open/bind (bindOpenAccount). */
  bindOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const { account } = gate;
    const open = this.openAccountIn(gate.body);
    if (!open) return fail(40013);
    if (this.bindings.has(account.appid)) return fail(89000);
    if (open.subject !== account.subject) return fail(89001);
    if (!open.createdByApi && !open.verified) return fail(89036);
    if (open.members.size >= open.quota) return fail(89004);
    this.link(account.appid, open.openAppid);
    return ok({}, true);
  }

  /** POST /cgi-bin/open/unbind (unbindOpenAccount). */
  unbindOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const { account } = gate;
    const open = this.openAccountIn(gate.body);
    if (!open) return fail(40013);
    if (open.subject !== account.subject) return fail(89001);
    if (!open.createdByApi) return fail(89003);
    if (this.bindings.get(account.appid) !== open.openAppid) return fail(89002);
    // An open account over its quota (e.g. quota cut when verification lapsed) is frozen:
    // WeChat refuses every change to it until it is fixed in the console.
    if (open.members.size > open.quota) return fail(89004);
    this.unlink(account.appid);
    return ok({}, true);
  }

  /** POST /cgi-bin/open/get (getOpenAccount). */
  getOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const openAppid = this.bindings.get(gate.account.appid);
    if (openAppid === undefined) return fail(89002);
    return ok({ open_appid: openAppid });
  }

  /** GET /cgi-bin/open/have (haveOpenAccount). */
  haveOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    return ok({ have_open: this.bindings.has(gate.account.appid) });
  }

  // ---- rules shared by the calls ----

  /** The checks every open-account call passes first, in WeChat's order. */
  private gate(token: string | null, body: RequestBody): Gate {
    if (token === null || token === '') return { ok: false, outcome: fail(41001) };
    const record = this.tokens.get(token);
    if (!record) return { ok: false, outcome: fail(40001) };
    if (this.now() >= record.validUntil) {
      return { ok: false, outcome: fail(record.endReason === 'expired' ? 42001 : 40001) };
    }
    const account = this.accounts.get(record.appid);
    if (!account) return { ok: false, outcome: fail(40013) };
    if (!account.permissionGranted) return { ok: false, outcome: fail(48001) };
    // The appid check needs the body, so a body that is not a JSON object fails first.
    if (!body.ok || !isObject(body.value)) return { ok: false, outcome: fail(47001) };
    const { appid } = body.value;
    if (appid !== undefined && appid !== null && appid !== account.appid) return { ok: false, outcome: fail(40013) };
    return { ok: true, account, body: body.value };
  }

  /** Token requests: grant_type, then presence of appid and secret, then whether they match. */
  private checkCredentials(grantType: unknown, appid: unknown, secret: unknown): Outcome | undefined {
    if (grantType !== 'client_credential') return fail(40002);
    if (isAbsent(appid)) return fail(41002);
    if (isAbsent(secret)) return fail(41004);
    const account = typeof appid === 'string' ? this.accounts.get(appid) : undefined;
    if (!account) return fail(40013);
    if (secret !== account.secret) return fail(40125);
    return undefined;
  }

  private openAccountIn(body: Record<string, unknown>): (OpenAccount & { members: Set<string> }) | undefined {
    const id = body.open_appid;
    return typeof id === 'string' ? this.openAccounts.get(id) : undefined;
  }

  /** 5 minutes, or half the lifetime when a test shortens tokens below that, so reuse still happens. */
  private renewMarginMs(): number {
    return Math.min(GRACE_MS, this.ttlMs / 2);
  }

  /** Issues a token that acts for `appid` (the component rules issue authorizer tokens with it). */
  issue(appid: string, kind: TokenRecord['kind']): string {
    let token: string;
    do token = randomBytes(64).toString('base64url');
    while (this.tokens.has(token));
    this.tokens.set(token, { appid, kind, validUntil: this.now() + this.ttlMs, endReason: 'expired' });
    this.latest.set(`${kind}/${appid}`, token);
    return token;
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

  private link(appid: string, openAppid: string): void {
    this.bindings.set(appid, openAppid);
    this.openAccounts.get(openAppid)?.members.add(appid);
  }

  private unlink(appid: string): void {
    const openAppid = this.bindings.get(appid);
    if (openAppid === undefined) return;
    this.bindings.delete(appid);
    this.openAccounts.get(openAppid)?.members.delete(appid);
  }
}

/** expires_in never reads 0 for a token that still works. */
function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
