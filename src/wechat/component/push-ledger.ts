import { randomUUID } from 'node:crypto';
import type { AppliedEvent, Store } from '../../stores/store';

/** What `inOrder` did with an event. */
export type Ordered<T> = { readonly applied: true; readonly result: T } | { readonly applied: false; readonly why: 'stale' | 'busy' };

/** How long an authorizer's latest event is remembered: far longer than WeChat retries (seconds). */
const LATEST_EVENT_TTL_MS = 24 * 3_600_000;
/** Longest an event of one authorizer may take to apply (an api_query_auth round trip) before another may. */
const APPLY_LOCK_MS = 30_000;

/**
 * Which pushes have been accepted, in the shared store, so every replica agrees:
 *
 * - **Once per signature.** A push is claimed by its `msg_signature` for twice the timestamp
 *   window (a timestamp may be up to one window ahead). The signature covers the timestamp, the
 *   nonce and the ciphertext, so a verbatim replay, or one with digits moved between timestamp
 *   and nonce (the signed text has no delimiters), has the same signature and is refused the
 *   claim on any replica. A claim whose push was not applied (store down, exchange failed) is
 *   released, so WeChat's next attempt is applied.
 * - **In CreateTime order per authorizer.** WeChat re-signs its retries (a new nonce) and may
 *   deliver an older event after a newer one, so each authorizer's latest applied event is kept
 *   and an event that is not newer is acknowledged without being applied: an old `unauthorized`
 *   never deletes the refresh token of a later authorisation. Events of one authorizer are applied
 *   one at a time across replicas (a lock in the store); one that finds the lock held is answered
 *   "push again". CreateTime has one-second resolution: an event of the same second as the latest
 *   counts as newer only when its InfoType differs (authorised then revoked within a second).
 */
export class PushLedger {
  constructor(
    private readonly store: Store,
    private readonly componentAppid: string,
    private readonly windowSeconds: number,
  ) {}

  /** True the first time this signature is seen within the window, on any replica. */
  claim(signature: string): Promise<boolean> {
    return this.store.claimOnce(this.claimKey(signature), this.windowSeconds * 2_000);
  }

  release(signature: string): Promise<void> {
    return this.store.releaseClaim(this.claimKey(signature));
  }

  /** Runs `apply` for `event` of `authorizerAppid` unless a newer one was applied; `apply` says whether it took. */
  async inOrder<T>(authorizerAppid: string, event: AppliedEvent, apply: () => Promise<{ ok: boolean; result: T }>): Promise<Ordered<T>> {
    const key = `${this.componentAppid}:${authorizerAppid}`;
    const owner = randomUUID();
    if (!(await this.store.tryLock(`push:${key}`, owner, APPLY_LOCK_MS))) return { applied: false, why: 'busy' };
    try {
      const latest = await this.store.getLatestEvent(key);
      if (latest !== undefined && !isNewer(event, latest)) return { applied: false, why: 'stale' };
      const { ok, result } = await apply();
      if (ok) await this.store.putLatestEvent(key, event, LATEST_EVENT_TTL_MS);
      return { applied: true, result };
    } finally {
      await this.store.unlock(`push:${key}`, owner).catch(() => undefined);
    }
  }

  private claimKey(signature: string): string {
    return `push:${this.componentAppid}:${signature}`;
  }
}

function isNewer(event: AppliedEvent, latest: AppliedEvent): boolean {
  return event.createTime > latest.createTime || (event.createTime === latest.createTime && event.infoType !== latest.infoType);
}
