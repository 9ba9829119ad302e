import {
  formatRefreshToken,
  hashSecret,
  newSecret,
  parseRefreshToken,
  secretMatches,
} from '../../../shared/auth/opaqueToken';

const parts = {
  userId: '0b6f7a4e-3c1d-4e8a-9f00-1a2b3c4d5e6f',
  familyId: '1b6f7a4e-3c1d-4e8a-9f00-1a2b3c4d5e6f',
  tokenId: '2b6f7a4e-3c1d-4e8a-9f00-1a2b3c4d5e6f',
  secret: newSecret(),
};

describe('opaque tokens', () => {
  it('round-trips a refresh token', () => {
    expect(parseRefreshToken(formatRefreshToken(parts))).toEqual(parts);
  });

  it('rejects anything not of the exact shape', () => {
    const good = formatRefreshToken(parts);
    for (const bad of [
      '',
      good.slice(1),
      `${good}x`,
      good.replace('rt1', 'rt2'),
      good.replace(parts.userId, 'x'.repeat(36)),
    ]) {
      expect(parseRefreshToken(bad)).toBeUndefined();
    }
  });

  it('matches a secret against its stored hash only', () => {
    const s = newSecret();
    expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretMatches(s, hashSecret(s))).toBe(true);
    expect(secretMatches(newSecret(), hashSecret(s))).toBe(false);
    expect(secretMatches(s, 'short')).toBe(false);
  });
});
