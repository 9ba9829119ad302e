import { VerifiedTokens } from '../../../shared/auth/VerifiedTokens';
import type { Principal } from '../../../shared/auth/principal';

const user: Principal = { userId: 'u-1', email: 'a@b.test', emailVerified: true, roles: ['customer'] };

describe('VerifiedTokens', () => {
  it('answers a verified token until exp, with the clock tolerance, then forgets it', () => {
    const cache = new VerifiedTokens(10, 5);
    cache.set('t', user, 1000, undefined);
    expect(cache.get('t', 999)).toEqual(user);
    expect(cache.get('t', 1004)).toEqual(user); // exp 1000 + 5 s tolerance: jose still accepts it
    expect(cache.get('t', 1005)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('t', 999)).toBeUndefined();
  });

  it('does not answer a token before nbf (beyond the tolerance)', () => {
    const cache = new VerifiedTokens(10, 5);
    cache.set('t', user, 5000, 2000);
    expect(cache.get('t', 1994)).toBeUndefined();
    cache.set('t', user, 5000, 2000);
    expect(cache.get('t', 1995)).toEqual(user);
  });

  it('hands out copies: a caller changing its principal changes nobody else', () => {
    const cache = new VerifiedTokens(10, 5);
    const mine = { ...user, roles: [...user.roles] };
    cache.set('t', mine, 1000, undefined);
    mine.roles.push('admin');
    const first = cache.get('t', 0)!;
    first.roles.push('admin');
    expect(cache.get('t', 0)).toEqual(user);
  });

  it('stays within its bound, dropping the oldest entry', () => {
    const cache = new VerifiedTokens(2, 5);
    cache.set('a', user, 1000, undefined);
    cache.set('b', user, 1000, undefined);
    cache.set('c', user, 1000, undefined);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('c', 0)).toEqual(user);
    const off = new VerifiedTokens(0, 5);
    off.set('a', user, 1000, undefined);
    expect(off.get('a', 0)).toBeUndefined();
  });
});
