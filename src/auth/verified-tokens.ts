import type { Caller } from './caller';

/** Most tokens kept; the oldest is dropped first when a new one would exceed it. */
export const VERIFIED_TOKENS_MAX_ENTRIES = 5_000;
/** Longer tokens are verified every time, so the cache holds at most about 20 MB of keys. */
export const VERIFIED_TOKENS_MAX_TOKEN_LENGTH = 4_096;
/**
 * Longest a verified token is trusted without verifying it again, even when its `exp` is later:
 * jose keeps a fetched key set as long (its `cacheMaxAge`, 10 minutes), so a key removed from the
 * JWKS stops being accepted here no later than it would without this cache.
 */
export const VERIFIED_TOKENS_MAX_AGE_MS = 10 * 60_000;

interface Entry {
  readonly caller: Caller;
  /** Epoch ms after which the entry is not used: the earlier of the token's `exp` and the max age. */
  readonly until: number;
}

/**
 * JWTs already verified (signature, `exp`, `nbf`, issuer, audience, lifetime, claims), keyed by the
 * whole token, with the caller built from their claims: a client sending the same token on every
 * request pays jose's verification once. An entry is never used at or after the token's `exp`
 * (without the clock tolerance verification allows), nor after VERIFIED_TOKENS_MAX_AGE_MS.
 * Failed verifications are never cached. Revocation: the service has no revocation list — a JWT
 * is trusted until its `exp` with or without this cache — and rotating the signing secret or
 * removing a key from the JWKS takes effect for cached tokens within VERIFIED_TOKENS_MAX_AGE_MS
 * for JWKS (like jose's own key cache) and at the restart that rotating AUTH_JWT_SECRET needs.
 */
export class VerifiedTokens {
  /** A Map keeps insertion order: the first key is the oldest entry. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = VERIFIED_TOKENS_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The caller of a token verified before and still within its `exp`, or undefined. */
  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.caller;
    this.entries.delete(token);
    return undefined;
  }

  /** Keeps a token that was just verified; `expSeconds` is its `exp` claim. */
  remember(token: string, expSeconds: number, caller: Caller): void {
    if (token.length > VERIFIED_TOKENS_MAX_TOKEN_LENGTH) return;
    const now = this.now();
    const until = Math.min(expSeconds * 1000, now + VERIFIED_TOKENS_MAX_AGE_MS);
    if (!(until > now)) return;
    this.entries.delete(token);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { caller, until });
  }
}
