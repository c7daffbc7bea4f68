/**
 * What the simulated WeChat pushes to a platform's authorization event URL, and when: a verify
 * ticket now and then on a timer, and the `authorized` / `unauthorized` events a merchant's
 * consent or revocation produces. The state change comes from component.ts; how a push is
 * encrypted, signed and delivered from push-wire.ts.
 */
import type { ComponentState } from './component';
import { authorizedXml, deliver, signedPush, ticketXml, unauthorizedXml, type PushResult } from './push-wire';

/** Where and how the simulator pushes a platform's verify tickets. */
export interface TicketPushOptions {
  callbackUrl: string;
  componentAppid: string;
  /** The message token and EncodingAESKey to sign and encrypt with; default: the component's. */
  token?: string;
  aesKey?: string;
  /** Pushes one at once, then one every intervalMs (WeChat: 10 minutes). */
  intervalMs: number;
}

export interface AuthorizeOptions {
  /** Default: the only component added. */
  componentAppid?: string;
  /** Default: the component's callbackUrl (set by addComponent or startTicketPush). */
  callbackUrl?: string;
  infoType?: 'authorized' | 'updateauthorized';
}

export class Pushes {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly components: ComponentState,
    private readonly now: () => number,
  ) {}

  /** Pushes a new ticket now and then every intervalMs, encrypted and signed as WeChat does. */
  async startTicketPush(options: TicketPushOptions): Promise<PushResult> {
    const component = this.components.component(options.componentAppid);
    component.callbackUrl = options.callbackUrl;
    if (options.token !== undefined) component.token = options.token;
    if (options.aesKey !== undefined) component.aesKey = options.aesKey;
    this.stopTicketPush(component.componentAppid);
    const timer = setInterval(() => void this.pushTicket(component.componentAppid).catch(() => undefined), options.intervalMs);
    timer.unref();
    this.timers.set(component.componentAppid, timer);
    return this.pushTicket(component.componentAppid);
  }

  /** Stops the timed ticket pushes (of one component, or all). */
  stopTicketPush(componentAppid?: string): void {
    for (const [appid, timer] of this.timers) {
      if (componentAppid !== undefined && appid !== componentAppid) continue;
      clearInterval(timer);
      this.timers.delete(appid);
    }
  }

  /** Pushes a new ticket now to the component's callback URL. */
  async pushTicket(componentAppid?: string): Promise<PushResult & { ticket: string }> {
    const component = this.components.component(componentAppid);
    const ticket = this.components.issueTicket(component.componentAppid);
    const result = await this.push(component.componentAppid, undefined, ticketXml(component.componentAppid, ticket.value, ticket.createTime));
    return { ...result, ticket: ticket.value };
  }

  /** The merchant authorises the platform for `appid`: an `authorized` event with a fresh code. */
  authorize(appid: string, options: AuthorizeOptions = {}): Promise<PushResult> {
    const component = this.components.component(options.componentAppid);
    const { code, expiresAt } = this.components.issueAuthCode(component.componentAppid, appid);
    return this.push(component.componentAppid, options.callbackUrl, authorizedXml(component.componentAppid, appid, code, expiresAt, this.createTime(), options.infoType));
  }

  /** The merchant revokes it: the refresh token stops working, an `unauthorized` event is pushed. */
  unauthorize(appid: string, options: Omit<AuthorizeOptions, 'infoType'> = {}): Promise<PushResult> {
    const component = this.components.component(options.componentAppid);
    this.components.revokeAuthorization(component.componentAppid, appid);
    return this.push(component.componentAppid, options.callbackUrl, unauthorizedXml(component.componentAppid, appid, this.createTime()));
  }

  private createTime(): number {
    return Math.floor(this.now() / 1000);
  }

  private push(componentAppid: string, callbackUrl: string | undefined, xml: string): Promise<PushResult> {
    const component = this.components.component(componentAppid);
    const url = callbackUrl ?? component.callbackUrl;
    if (url === undefined) throw new Error(`component ${componentAppid} has no callback URL: pass callbackUrl, or set it with addComponent or startTicketPush`);
    return deliver(url, signedPush(component, xml, String(this.createTime())));
  }
}
