import type { IncomingHttpHeaders } from 'node:http';
import type { Authenticator } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import { authFailuresLimited, chargeOncePerOperation, type RateLimits } from '../auth/rate-limit';
import { Deadline, type OpenAccountApi, type QuotaApi, type RidApi } from '../wechat';
import { createOpenAccountLoaders, type OpenAccountLoaders } from './open-account/open-account.loader';

/** What every resolver can reach: the WeChat calls and this operation's loaders, nothing of HTTP. */
export interface GatewayContext {
  readonly openAccounts: OpenAccountApi;
  readonly loaders: OpenAccountLoaders;
  /** An account's API quotas (diagnostics). */
  readonly quota: QuotaApi;
  /** What WeChat saw of a call, by rid (diagnostics). */
  readonly requests: RidApi;
  /** Who sent the request, authenticated before the operation ran (src/auth). */
  readonly caller: Caller;
  /** Charges the appid's rate limit for reads or writes, once per operation; throws RATE_LIMITED when over. */
  readonly chargeAppid: (appid: string, use: 'read' | 'write') => Promise<void>;
  /** The operation's deadline, which every WeChat call of `openAccounts` keeps; ended with the response. */
  readonly deadline: Deadline;
}

export interface ContextFactoryOptions {
  readonly authenticator: Authenticator;
  readonly rateLimits: RateLimits;
  /** The WeChat layer's open-account calls, shared by every operation. */
  readonly openAccounts: OpenAccountApi;
  /** The diagnosis calls: API quotas, and what WeChat saw of a call by rid. */
  readonly quota: QuotaApi;
  readonly requests: RidApi;
  /** Upstream reads one operation's loaders may have in flight at once. */
  readonly readConcurrency: number;
  /** Deadline of one whole operation, retries and reads included. */
  readonly operationTimeoutMs: number;
}

/**
/**
 * Who is calling, and whether it may call now, from the request headers and the client's address
 * alone: UNAUTHENTICATED or RATE_LIMITED (thrown as GraphQL errors) otherwise. Failed
 * authentications are limited per address; valid credentials from that address are still
 * accepted. The HTTP front door asks this before reading the body (src/http/front-door.ts).
 */
export function createCallerIdentifier(options: Pick<ContextFactoryOptions, 'authenticator' | 'rateLimits'>): (headers: IncomingHttpHeaders, address: string) => Promise<Caller> {
  const { authenticator, rateLimits } = options;
  return async (headers, address) => {
    const caller = await authenticator.authenticate(headers, address).catch(async (error: unknown) => {
      const retryAfterSeconds = await rateLimits.chargeAuthFailure(address);
      throw retryAfterSeconds === undefined ? error : authFailuresLimited(retryAfterSeconds);
    });
    await rateLimits.chargeCaller(caller.id);
    return caller;
  };
}

/**
 * Builds an operation's context from its request headers and the client's address. Who is
 * calling comes first (createCallerIdentifier): a refused request builds nothing else.
 * `identified` is the caller the HTTP front door already identified from the same request, so
 * it is not authenticated and charged twice.
 */
export function createContextFactory(options: ContextFactoryOptions): (headers: IncomingHttpHeaders, address: string, identified?: Caller) => Promise<GatewayContext> {
  const { rateLimits } = options;
  const identify = createCallerIdentifier(options);
  return async (headers, address, identified) => {
    const caller = identified ?? (await identify(headers, address));
    // One deadline for the whole operation: retries, reads and verification included.
    const deadline = new Deadline(options.operationTimeoutMs);
    const openAccounts = options.openAccounts.withDeadline(deadline);
    return {
      openAccounts,
      loaders: createOpenAccountLoaders(openAccounts, options.readConcurrency),
      quota: options.quota.withDeadline(deadline),
      requests: options.requests.withDeadline(deadline),
      caller,
      chargeAppid: chargeOncePerOperation(rateLimits),
      deadline,
    };
  };
}

/** An operation's deadline timer must not outlive the operation (src/wechat/transport/deadline.ts). */
export function endDeadline(contextValue: GatewayContext): void {
  contextValue.deadline.end();
}
