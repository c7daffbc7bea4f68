/**
 * The third-party platform ("component") side of the simulated WeChat: platforms, the verify
 * tickets WeChat pushes them, component tokens, authorizations with their refresh tokens, and
 * the authorizer tokens that act for an authorizer's appid on the open-account calls (issued by
 * the token family, so the open-account rules accept them). Pure rules, like the other families:
 * every errcode arises from state.
 */
import { randomBytes } from 'node:crypto';
import type { AccountState } from './accounts';
import { fail, isObject, seconds, type Outcome, type QueryParams, type RequestBody } from './answers';
import type { TokenState } from './tokens';

export interface NewComponent {
  componentAppid: string;
  secret: string;
  /** The message token that signs pushes. */
  token: string;
  /** The 43-character EncodingAESKey that encrypts them. */
  aesKey: string;
  /** The platform's authorization event URL, where pushes go. */
  callbackUrl?: string;
}

export interface Component extends NewComponent {
  /** The latest pushed ticket; only it is accepted. */
  ticket: { value: string; issuedAt: number } | undefined;
}

interface ComponentToken {
  readonly componentAppid: string;
  validUntil: number;
  endReason: 'expired' | 'superseded';
}

/** A ticket is valid for 12 hours after its push. */
const TICKET_TTL_MS = 12 * 3_600_000;
/** An authorisation code must be exchanged within an hour. */
const AUTH_CODE_TTL_MS = 3_600_000;

function secret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export class ComponentState {
  private readonly components = new Map<string, Component>();
  private readonly componentTokens = new Map<string, ComponentToken>();
  /** `${componentAppid}/${authorizerAppid}` → the current refresh token. */
  private readonly authorizations = new Map<string, string>();
  /** Every code issued; an exchanged one stays, marked used, so a second exchange answers 61010. */
  private readonly codes = new Map<string, { componentAppid: string; appid: string; expiresAt: number; used: boolean }>();
  /** Every credential this side ever issued, so tests can check none leaked into a log. */
  private readonly issued = new Set<string>();

  constructor(
    private readonly accounts: AccountState,
    private readonly tokens: TokenState,
    private readonly clock: () => number,
    /** Each api_authorizer_token answers a new refresh token and invalidates the old one. */
    private readonly rotateRefreshTokens = false,
  ) {}

  private get now(): number {
    return this.clock();
  }

  private get ttlMs(): number {
    return this.tokens.ttlMs;
  }

  // ---- setup ----

  addComponent(c: NewComponent): void {
    if (this.components.has(c.componentAppid)) throw new Error(`component ${c.componentAppid} already exists`);
    if (!/^[A-Za-z0-9]{43}$/.test(c.aesKey)) throw new Error('aesKey must be 43 letters and digits');
    this.components.set(c.componentAppid, { ...c, ticket: undefined });
  }

  component(componentAppid?: string): Component {
    const found = componentAppid === undefined ? (this.components.size === 1 ? [...this.components.values()][0] : undefined) : this.components.get(componentAppid);
    if (!found) throw new Error(componentAppid === undefined ? 'name the component: there is not exactly one' : `unknown component ${componentAppid}: add it with addComponent first`);
    return found;
  }

  /** A new ticket, replacing the previous one (what a push delivers). */
  issueTicket(componentAppid: string): { value: string; createTime: number } {
    const component = this.component(componentAppid);
    component.ticket = { value: secret('ticket@@@'), issuedAt: this.now };
    this.issued.add(component.ticket.value);
    return { value: component.ticket.value, createTime: Math.floor(this.now / 1000) };
  }

  /** An authorisation code for `appid`, as the merchant's consent produces (sent in the `authorized` event). */
  issueAuthCode(componentAppid: string, appid: string): { code: string; expiresAt: number } {
    this.component(componentAppid);
    if (!this.accounts.account(appid)) throw new Error(`unknown account ${appid}: add it with addAccount first`);
    const code = secret('queryauthcode@@@');
    const expiresAt = this.now + AUTH_CODE_TTL_MS;
    this.codes.set(code, { componentAppid, appid, expiresAt, used: false });
    this.issued.add(code);
    return { code, expiresAt };
  }

  /** Authorises without an event and returns the refresh token (one a platform already holds); default: the only component. */
  grantAuthorization(appid: string, componentAppid?: string): string {
    const component = this.component(componentAppid);
    if (!this.accounts.account(appid)) throw new Error(`unknown account ${appid}: add it with addAccount first`);
    return this.newRefreshToken(component.componentAppid, appid);
  }

  /** The merchant revokes the platform: the refresh token and the authorizer's tokens stop working. */
  revokeAuthorization(componentAppid: string, appid: string): void {
    this.authorizations.delete(`${componentAppid}/${appid}`);
    this.tokens.revokeTokensOfKind(appid, 'authorizer');
  }

  isAuthorized(componentAppid: string, appid: string): boolean {
    return this.authorizations.has(`${componentAppid}/${appid}`);
  }

  expireTokens(appid?: string): void {
    for (const t of this.componentTokens.values()) {
      if ((appid === undefined || t.componentAppid === appid) && t.validUntil > this.now) {
        t.validUntil = this.now;
        t.endReason = 'expired';
      }
    }
  }

  revokeTokens(appid?: string): void {
    for (const [token, t] of this.componentTokens) if (appid === undefined || t.componentAppid === appid) this.componentTokens.delete(token);
  }

  issuedCredentials(): string[] {
    return [...this.issued];
  }

  // ---- calls ----

  /** POST /cgi-bin/component/api_component_token: needs the latest ticket, unexpired. */
  componentToken(body: RequestBody): Outcome {
    if (!body.ok || !isObject(body.value)) return fail(47001);
    const { component_appid: appid, component_appsecret: appsecret, component_verify_ticket: ticket } = body.value;
    const component = typeof appid === 'string' ? this.components.get(appid) : undefined;
    if (!component) return fail(61011);
    if (appsecret !== component.secret) return fail(40125);
    if (component.ticket === undefined || ticket !== component.ticket.value) return fail(61006);
    if (this.now - component.ticket.issuedAt >= TICKET_TTL_MS) return fail(61005);
    let token: string;
    do token = secret('');
    while (this.componentTokens.has(token));
    this.componentTokens.set(token, { componentAppid: component.componentAppid, validUntil: this.now + this.ttlMs, endReason: 'expired' });
    this.issued.add(token);
    return { answer: { component_access_token: token, expires_in: seconds(this.ttlMs) }, tokenFor: component.componentAppid, tokenKind: 'component' };
  }

  /** POST /cgi-bin/component/api_authorizer_token: a new authorizer token from the current refresh token. */
  authorizerToken(query: QueryParams, body: RequestBody): Outcome {
    const gate = this.gate(query, body);
    if ('outcome' in gate) return gate.outcome;
    const { authorizer_appid: appid, authorizer_refresh_token: refreshToken } = gate.body;
    if (typeof appid !== 'string' || typeof refreshToken !== 'string') return fail(41002);
    const current = this.authorizations.get(`${gate.componentAppid}/${appid}`);
    // Never authorised, or revoked: 61003. Authorised, but not this refresh token: 61023.
    if (current === undefined) return fail(61003);
    if (current !== refreshToken) return fail(61023);
    const next = this.rotateRefreshTokens ? this.newRefreshToken(gate.componentAppid, appid) : refreshToken;
    const token = this.tokens.issue(appid, 'authorizer');
    this.issued.add(token);
    return {
      answer: { authorizer_access_token: token, expires_in: seconds(this.ttlMs), authorizer_refresh_token: next },
      tokenFor: appid,
      tokenKind: 'authorizer',
    };
  }

  /** POST /cgi-bin/component/api_query_auth: exchanges an authorisation code (once, within the hour). */
  queryAuth(query: QueryParams, body: RequestBody): Outcome {
    const gate = this.gate(query, body);
    if ('outcome' in gate) return gate.outcome;
    const code = gate.body.authorization_code;
    const grant = typeof code === 'string' ? this.codes.get(code) : undefined;
    if (!grant || grant.componentAppid !== gate.componentAppid) return fail(40029);
    if (grant.used || this.now >= grant.expiresAt) return fail(61010);
    grant.used = true;
    const refreshToken = this.newRefreshToken(grant.componentAppid, grant.appid);
    const token = this.tokens.issue(grant.appid, 'authorizer');
    this.issued.add(token);
    return {
      answer: {
        authorization_info: {
          authorizer_appid: grant.appid,
          authorizer_access_token: token,
          expires_in: seconds(this.ttlMs),
          authorizer_refresh_token: refreshToken,
          func_info: [{ funcscope_category: { id: 24 } }],
        },
      },
    };
  }

  /**
   * POST /cgi-bin/component/api_start_push_ticket `{component_appid, component_secret}`: WeChat
   * (re)starts pushing the verify ticket; the answer is only "ok", the HTTP face pushes a fresh
   * ticket to the platform's callback after answering.
   */
  startPushTicket(body: RequestBody): Outcome {
    if (!body.ok || !isObject(body.value)) return fail(47001);
    const { component_appid: appid, component_secret: componentSecret } = body.value;
    const component = typeof appid === 'string' ? this.components.get(appid) : undefined;
    if (!component) return fail(61011);
    if (componentSecret !== component.secret) return fail(40125);
    return { answer: { errcode: 0, errmsg: 'ok' }, pushTicketTo: component.componentAppid };
  }

  /** Whether `token` is a component_access_token (used on an account's API, WeChat answers 48001). */
  isComponentToken(token: string | null): boolean {
    return token !== null && this.componentTokens.has(token);
  }

  /** The platform whose component token this is, for the record of served requests. */
  componentOf(token: string | null): string | undefined {
    return token === null ? undefined : this.componentTokens.get(token)?.componentAppid;
  }

  /**
   * The component token in the query, then the component_appid in the body, in WeChat's order.
   * SDKs send `?component_access_token=`, newer pages `?access_token=`: both are read.
   */
  private gate(query: QueryParams, body: RequestBody): { componentAppid: string; body: Record<string, unknown> } | { outcome: Outcome } {
    const token = query.get('component_access_token') ?? query.get('access_token');
    if (token === null || token === '') return { outcome: fail(41001) };
    const record = this.componentTokens.get(token);
    if (!record) return { outcome: fail(40001) };
    if (this.now >= record.validUntil) return { outcome: fail(record.endReason === 'expired' ? 42001 : 40001) };
    if (!body.ok || !isObject(body.value)) return { outcome: fail(47001) };
    if (body.value.component_appid !== record.componentAppid) return { outcome: fail(40013) };
    return { componentAppid: record.componentAppid, body: body.value };
  }

  private newRefreshToken(componentAppid: string, appid: string): string {
    const token = secret('refreshtoken@@@');
    this.authorizations.set(`${componentAppid}/${appid}`, token);
    this.issued.add(token);
    return token;
  }
}
