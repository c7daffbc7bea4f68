import type { Caller } from '../../src/auth/caller';
import { createJwtVerifier } from '../../src/auth/jwt';
import { VerifiedTokens, VERIFIED_TOKENS_MAX_AGE_MS, VERIFIED_TOKENS_MAX_TOKEN_LENGTH } from '../../src/auth/verified-tokens';
import { createLogger } from '../../src/observability/logger';
import { signToken, TEST_JWT_SECRET } from '../support/auth';

const caller = (id: string): Caller => ({ id, kind: 'jwt', appids: '*', scopes: new Set() });

describe('Verified JWTs are kept until their exp, bounded, keyed by the whole token', () => {
  let now = 1_800_000_000_000;
  const clock = () => now;

  it('gives the caller back before exp and never at or after it', () => {
    const cache = new VerifiedTokens(10, clock);
    const exp = now / 1000 + 60;
    cache.remember('a.b.c', exp, caller('jwt:one'));
    now = exp * 1000 - 1;
    expect(cache.get('a.b.c')?.id).toBe('jwt:one');
    now = exp * 1000;
    expect(cache.get('a.b.c')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('trusts a token no longer than the key-set age, whatever its exp', () => {
    const cache = new VerifiedTokens(10, clock);
    cache.remember('a.b.c', now / 1000 + 86_400, caller('jwt:one'));
    now += VERIFIED_TOKENS_MAX_AGE_MS - 1;
    expect(cache.get('a.b.c')).toBeDefined();
    now += 1;
    expect(cache.get('a.b.c')).toBeUndefined();
  });

  it('finds only the very same token: one character more or less is not it', () => {
    const cache = new VerifiedTokens(10, clock);
    cache.remember('head.body.sig', now / 1000 + 60, caller('jwt:one'));
    expect(cache.get('head.body.sig')).toBeDefined();
    expect(cache.get('head.body.si')).toBeUndefined();
    expect(cache.get('head.body.sigX')).toBeUndefined();
  });

  it('holds at most its bound, dropping the oldest, and never a very long token', () => {
    const cache = new VerifiedTokens(3, clock);
    for (const token of ['t1', 't2', 't3', 't4']) cache.remember(token, now / 1000 + 60, caller(token));
    expect(cache.size).toBe(3);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t4')?.id).toBe('t4');
    cache.remember('x'.repeat(VERIFIED_TOKENS_MAX_TOKEN_LENGTH + 1), now / 1000 + 60, caller('long'));
    expect(cache.size).toBe(3);
  });

  it('keeps nothing already expired', () => {
    const cache = new VerifiedTokens(3, clock);
    cache.remember('old', now / 1000 - 1, caller('old'));
    expect(cache.size).toBe(0);
  });
});

describe('The JWT verifier verifies a token once and refuses what it never verified', () => {
  const logger = createLogger('silent');

  it('serves a repeated token from the cache: the same caller, one entry', async () => {
    const cache = new VerifiedTokens();
    const verify = createJwtVerifier({ secret: TEST_JWT_SECRET }, logger, cache);
    const token = await signToken({ sub: 'user-1', appids: '*', scope: 'openaccount:read' });
    const first = await verify(token);
    const second = await verify(token);
    expect(second).toBe(first);
    expect(cache.size).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('does not cache a refused token, and refuses a tampered copy of a cached one', async () => {
    const cache = new VerifiedTokens();
    const verify = createJwtVerifier({ secret: TEST_JWT_SECRET }, logger, cache);
    const token = await signToken({ sub: 'user-1', appids: '*' });
    await verify(token);
    const forged = await signToken({ sub: 'user-1', appids: '*' }, { secret: 'another-secret-0123456789abcdefghijklmnop' });
    await expect(verify(forged)).rejects.toThrow(/not a valid, signed JWT/);
    const [head, body] = token.split('.');
    await expect(verify(`${head}.${body}.${'A'.repeat(43)}`)).rejects.toThrow(/not a valid, signed JWT/);
    expect(cache.size).toBe(1);
  });
});
