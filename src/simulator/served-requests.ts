/**
 * The requests the simulated WeChat served, by the rid its answer carried, kept 7 days as WeChat
 * keeps them for `/cgi-bin/openapi/rid/get`. Recorded as WeChat sees them: the URL with its
 * access token, the bodies with their secrets. Reading them back is the gateway's problem to
 * make safe, which is what the record is for.
 */

export interface ServedRequest {
  readonly rid: string;
  /** Who may read it: the account the token acted for, or the platform for its own calls. */
  readonly owner: string | undefined;
  /** Epoch ms. */
  readonly at: number;
  readonly costInMs: number;
  readonly requestUrl: string;
  readonly requestBody: string;
  readonly responseBody: string;
  readonly clientIp: string;
}

const KEPT_MS = 7 * 24 * 3_600_000;
/** A bound on memory for long runs (the bench): the oldest go first, as they would by age. */
const MAX_KEPT = 50_000;

/** WeChat's rids: three groups of 8 hex digits, the first the Unix time. */
export const RID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

export class ServedRequests {
  private readonly byRid = new Map<string, ServedRequest>();

  constructor(private readonly now: () => number) {}

  record(request: ServedRequest): void {
    this.byRid.set(request.rid, request);
    // Forget what is past 7 days, or over the bound; insertion order is time order.
    for (const [rid, r] of this.byRid) {
      if (this.now() - r.at < KEPT_MS && this.byRid.size <= MAX_KEPT) break;
      this.byRid.delete(rid);
    }
  }

  /** The request with this rid, if it is still kept. */
  find(rid: string): ServedRequest | undefined {
    const found = this.byRid.get(rid);
    return found !== undefined && this.now() - found.at < KEPT_MS ? found : undefined;
  }

  /** Every request recorded, newest last (for tests). */
  all(): ServedRequest[] {
    return [...this.byRid.values()];
  }
}
