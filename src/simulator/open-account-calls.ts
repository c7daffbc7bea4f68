/**
 * The rules of the open-account family (create, bind, unbind, get, have) in WeChat's order of
 * checks: the token, the account's permission, the body, then each call's own conditions on the
 * accounts family. Pure rules: every errcode arises from state alone, never from special input.
 */
import type { Account, AccountState, OpenAccount } from './accounts';
import { fail, isObject, ok, type Outcome, type RequestBody } from './answers';
import type { TokenState } from './tokens';

/** What an open account that is not yet verified can hold (WeChat: 5, all of one subject). */
export const UNVERIFIED_LIMIT = 5;

/** How many accounts a bind may fill the open account to. */
function capacity(open: Readonly<OpenAccount>): number {
  return open.verified ? open.quota : Math.min(open.quota, UNVERIFIED_LIMIT);
}

type Gate = { ok: true; account: Readonly<Account>; body: Record<string, unknown> } | { ok: false; outcome: Outcome };

export class OpenAccountCalls {
  constructor(
    private readonly accounts: AccountState,
    private readonly tokens: TokenState,
  ) {}

  /** POST /cgi-bin/open/create (createOpenAccount). */
  createOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const { account } = gate;
    if (this.accounts.openAppidOf(account.appid) !== undefined) return fail(89000);
    const openAppid = this.accounts.addOpenAccount({ subject: account.subject, createdByApi: true, verified: false });
    this.accounts.link(account.appid, openAppid);
    return ok({ open_appid: openAppid }, true);
  }

  /** POST /cgi-bin/open/bind (bindOpenAccount). */
  bindOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const { account } = gate;
    const open = this.openAccountIn(gate.body);
    if (!open) return fail(40013);
    if (this.accounts.openAppidOf(account.appid) !== undefined) return fail(89000);
    if (open.subject !== account.subject) return fail(89001);
    if (!open.createdByApi && !open.verified) return fail(89036);
    // The 6th bind of an unverified one: undocumented, 89004 is the nearest documented meaning.
    if (open.members.size >= capacity(open)) return fail(89004);
    this.accounts.link(account.appid, open.openAppid);
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
    if (this.accounts.openAppidOf(account.appid) !== open.openAppid) return fail(89002);
    // An open account over its quota (e.g. quota cut when verification lapsed) is frozen:
    // WeChat refuses every change to it until it is fixed in the console.
    if (open.members.size > open.quota) return fail(89004);
    this.accounts.unlink(account.appid);
    return ok({}, true);
  }

  /** POST /cgi-bin/open/get (getOpenAccount). */
  getOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body);
    if (!gate.ok) return gate.outcome;
    const openAppid = this.accounts.openAppidOf(gate.account.appid);
    if (openAppid === undefined) return fail(89002);
    return ok({ open_appid: openAppid });
  }

  /** GET /cgi-bin/open/have (haveOpenAccount). */
  haveOpenAccount(token: string | null, body: RequestBody): Outcome {
    const gate = this.gate(token, body, 'basic');
    if (!gate.ok) return gate.outcome;
    return ok({ have_open: this.accounts.openAppidOf(gate.account.appid) !== undefined });
  }

  /** The checks every open-account call passes first, in WeChat's order. */
  /** `permission`: `have` is in sets 3/30 ('basic'), the other calls in 24/25. */
  private gate(token: string | null, body: RequestBody, permission: 'open' | 'basic' = 'open'): Gate {
    const acting = this.tokens.actingFor(token);
    if (!acting.ok) return acting;
    const account = this.accounts.account(acting.appid);
    if (!account) return { ok: false, outcome: fail(40013) };
    if (!(permission === 'basic' ? account.basicPermissionGranted : account.permissionGranted)) return { ok: false, outcome: fail(48001) };
    // The appid check needs the body, so a body that is not a JSON object fails first.
    if (!body.ok || !isObject(body.value)) return { ok: false, outcome: fail(47001) };
    const { appid } = body.value;
    if (appid !== undefined && appid !== null && appid !== account.appid) return { ok: false, outcome: fail(40013) };
    return { ok: true, account, body: body.value };
  }

  private openAccountIn(body: Record<string, unknown>): Readonly<OpenAccount> | undefined {
    const id = body.open_appid;
    return typeof id === 'string' ? this.accounts.openAccount(id) : undefined;
  }
}
