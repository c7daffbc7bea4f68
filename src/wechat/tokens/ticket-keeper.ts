import { randomUUID } from 'node:crypto';
import { ExponentialBackoff, handleWhenResult, retry } from 'cockatiel';
import type { Logger } from 'pino';
import { StoreUnavailableError, type Store } from '../../stores';
import { startPushTicket } from './start-push-ticket';
import type { WeChatResult } from '../vocabulary/result';
import type { WeChatTransport } from '../transport/wechat-transport';
import type { ComponentCredentials } from './component-token';

export interface TicketKeeperOptions {
  /** A stored ticket older than this (or none) makes the keeper ask WeChat to push again; 0: never ask. */
  readonly maxAgeMs: number;
  /** Retries of one ask after the first attempt, when WeChat gave no answer. */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly now?: () => number;
}

/** How long one replica's ask covers all of them: WeChat pushes every 10 minutes once asked. */
const ASK_LOCK_MS = 10 * 60_000;

/** What one check did: nothing needed, another replica asked lately, asked, or could not ask. */
export type TicketCheck = 'fresh' | 'asked-lately' | 'asked' | 'failed' | 'store-unavailable' | 'off';

/**
 * Keeps the platform's verify ticket coming. WeChat pushes a ticket every 10 minutes and each
 * lasts 12 hours; a platform that starts with none (a new deployment, a lost store) or whose
 * pushes stopped (the callback was down) has no component token until the next push, which may
 * never come. So, at start and then every minute, the keeper reads the stored ticket and, when
 * there is none or it is older than `maxAgeMs`, asks WeChat to restart the push
 * (api_start_push_ticket). Once across all replicas: the ask is taken under the store's lock,
 * which is left to expire after 10 minutes, so the others (and this one) do not ask again before
 * WeChat had time to push. One ask is retried a bounded number of times when no answer came,
 * and logged either way.
 */
export class TicketKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TicketCheck> | undefined;
  private readonly owner = randomUUID();
  private readonly now: () => number;
  /** Ends an ask in flight (and its retries) when the gateway stops. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly transport: WeChatTransport,
    private readonly component: Pick<ComponentCredentials, 'appid' | 'secret'>,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: TicketKeeperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Checks now, then every minute (or every maxAge, when shorter), until stop(). */
  start(): void {
    if (this.options.maxAgeMs <= 0 || this.timer !== undefined) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), Math.min(60_000, this.options.maxAgeMs));
    this.timer.unref();
  }

  /** Stops the checks; an ask in flight is aborted, so a stop waits at most for one retry's delay. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.running;
  }

  /** The stored ticket's age in seconds, or undefined when none is stored (or the store is down). */
  async ticketAgeSeconds(): Promise<number | undefined> {
    try {
      const ticket = await this.store.getTicket(this.component.appid);
      return ticket === undefined ? undefined : Math.max(0, this.now() / 1000 - ticket.createTime);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return undefined;
      throw error;
    }
  }

  /** One check; concurrent calls share it. */
  check(): Promise<TicketCheck> {
    this.running ??= this.checkOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async checkOnce(): Promise<TicketCheck> {
    if (this.options.maxAgeMs <= 0 || this.stopping.signal.aborted) return 'off';
    const appid = this.component.appid;
    try {
      const ticket = await this.store.getTicket(appid);
      const ageMs = ticket === undefined ? undefined : this.now() - ticket.createTime * 1000;
      if (ageMs !== undefined && ageMs < this.options.maxAgeMs) return 'fresh';
      if (!(await this.store.tryLock(`ticket-push:${appid}`, this.owner, ASK_LOCK_MS))) return 'asked-lately';
      const reason = ageMs === undefined ? 'no verify ticket stored' : `verify ticket is ${Math.round(ageMs / 1000)} s old`;
      const result = await this.ask();
      if (result.ok) {
        this.logger.info({ component: appid, reason }, 'asked WeChat to restart the verify ticket push (api_start_push_ticket)');
        return 'asked';
      }
      const f = result.failure;
      this.logger.error(
        { component: appid, reason, failure: f.kind, errcode: f.kind === 'errcode' ? f.errcode : undefined, rid: f.kind === 'errcode' ? f.rid : undefined },
        'could not ask WeChat to restart the verify ticket push; will ask again in 10 minutes',
      );
      return 'failed';
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.logger.warn({ component: appid, detail: error.message }, 'verify ticket not checked: credential store unavailable');
      return 'store-unavailable';
    }
  }

  /**
   * api_start_push_ticket, retried when no answer came: asking twice is harmless. (The transport
   * already retries WeChat busy, -1.)
   */
  private ask(): Promise<WeChatResult<void>> {
    const policy = retry(
      handleWhenResult((r) => !(r as WeChatResult<void>).ok && (r as { failure: { kind: string } }).failure.kind === 'unavailable'),
      { maxAttempts: this.options.retries ?? 2, backoff: new ExponentialBackoff({ initialDelay: this.options.retryDelayMs ?? 1_000, maxDelay: 10_000 }) },
    );
    return policy.execute(({ signal }) => startPushTicket(this.transport, this.component, signal), this.stopping.signal);
  }
}
