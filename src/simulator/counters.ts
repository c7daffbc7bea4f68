/**
 * What the simulator saw, for tests to check what the gateway actually sent: requests per path
 * (counted on arrival, so faulted, dropped and hanging ones count), applied state changes, token
 * fetches by appid and kind, and the peak number of requests in flight.
 */

function bump(map: Map<string, number>, key: string, by = 1): number {
  const value = (map.get(key) ?? 0) + by;
  map.set(key, value);
  return value;
}

export class Counters {
  private readonly callsByPath = new Map<string, number>();
  private readonly appliedByPath = new Map<string, number>();
  private readonly fetchesByAppid = new Map<string, number>();
  private readonly componentFetches = new Map<string, number>();
  private readonly authorizerFetches = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private totalCalls = 0;
  private totalFetches = 0;
  private inFlightAll = 0;
  private peakAll = 0;

  // ---- recorded by the HTTP face ----

  arrive(path: string): void {
    bump(this.callsByPath, path);
    this.totalCalls += 1;
    const now = bump(this.inFlight, path);
    this.peaks.set(path, Math.max(this.peaks.get(path) ?? 0, now));
    this.inFlightAll += 1;
    this.peakAll = Math.max(this.peakAll, this.inFlightAll);
  }

  leave(path: string): void {
    bump(this.inFlight, path, -1);
    this.inFlightAll -= 1;
  }

  apply(path: string): void {
    bump(this.appliedByPath, path);
  }

  tokenFetched(appid: string, kind: 'component' | 'authorizer' | undefined): void {
    bump(this.fetchesByAppid, appid);
    this.totalFetches += 1;
    if (kind === 'component') bump(this.componentFetches, appid);
    if (kind === 'authorizer') bump(this.authorizerFetches, appid);
  }

  // ---- read by tests ----

  /** Requests that arrived (per path, or all), counted before any fault: dropped and hanging ones too. */
  calls(path?: string): number {
    return path === undefined ? this.totalCalls : (this.callsByPath.get(path) ?? 0);
  }

  /** Requests whose state change took effect. */
  applied(path: string): number {
    return this.appliedByPath.get(path) ?? 0;
  }

  /** Token requests that issued or returned a token, of any kind (per appid, or all). */
  tokenFetches(appid?: string): number {
    return appid === undefined ? this.totalFetches : (this.fetchesByAppid.get(appid) ?? 0);
  }

  /** The most requests in flight at once (per path, or all) since the last reset. */
  maxConcurrent(path?: string): number {
    return path === undefined ? this.peakAll : (this.peaks.get(path) ?? 0);
  }

  /** api_component_token calls that issued a token (per component appid, or all). */
  componentTokenFetches(componentAppid?: string): number {
    return sum(this.componentFetches, componentAppid);
  }

  /** api_authorizer_token calls that issued a token (per authorizer appid, or all). */
  authorizerTokenFetches(appid?: string): number {
    return sum(this.authorizerFetches, appid);
  }

  /** Peaks restart from what is in flight now, so a hanging request still counts. */
  reset(): void {
    this.callsByPath.clear();
    this.appliedByPath.clear();
    this.fetchesByAppid.clear();
    this.componentFetches.clear();
    this.authorizerFetches.clear();
    this.totalCalls = 0;
    this.totalFetches = 0;
    this.peaks.clear();
    for (const [path, n] of this.inFlight) if (n > 0) this.peaks.set(path, n);
    this.peakAll = this.inFlightAll;
  }
}

function sum(map: ReadonlyMap<string, number>, key: string | undefined): number {
  return key === undefined ? [...map.values()].reduce((a, b) => a + b, 0) : (map.get(key) ?? 0);
}

/** What tests read (and reset); the recording side belongs to the HTTP face. */
export type CounterReadings = Pick<Counters, 'calls' | 'applied' | 'tokenFetches' | 'maxConcurrent' | 'componentTokenFetches' | 'authorizerTokenFetches' | 'reset'>;
