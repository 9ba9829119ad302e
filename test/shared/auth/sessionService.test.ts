import { InvalidCredentialsError, InvalidTokenError, LockedOutError } from '../../../shared/auth/errors';
import type { StoredRefreshToken } from '../../../shared/auth/refreshTokenStore';
import { SessionService, type SessionServiceInit } from '../../../shared/auth/sessionService';
import type { StoredUser } from '../../../shared/auth/userStore';

const NOW = new Date('2026-03-01T12:00:00Z');
const user: StoredUser = {
  id: 'u1',
  type: 'user',
  email: 'ann@orderflow.test',
  name: 'Ann',
  passwordHash: '$scrypt$stored',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  emailVerifiedAt: '2026-01-01T00:00:00.000Z',
  _etag: 'e1',
};
const token = (over: Partial<StoredRefreshToken> = {}): StoredRefreshToken => ({
  id: 't1',
  type: 'refreshToken',
  userId: 'u1',
  familyId: 'f1',
  secretHash: 'h',
  createdAt: '2026-03-01T11:00:00.000Z',
  expiresAt: '2026-03-02T11:00:00.000Z',
  ttl: 100,
  _etag: 'te',
  ...over,
});

/** Stubs for every dependency; each test overrides what it is about. */
function deps(over: { [K in keyof SessionServiceInit]?: Partial<SessionServiceInit[K]> } = {}) {
  const init = {
    users: {
      findByEmail: jest.fn().mockResolvedValue(user),
      get: jest.fn().mockResolvedValue(user),
      replace: jest.fn().mockResolvedValue(true),
      ...over.users,
    },
    refreshTokens: {
      find: jest.fn().mockResolvedValue(undefined),
      issue: jest.fn().mockResolvedValue({ token: 'rt-new', doc: token() }),
      markUsed: jest.fn().mockResolvedValue(true),
      revokeFamily: jest.fn().mockResolvedValue(undefined),
      ...over.refreshTokens,
    },
    throttle: {
      reserve: jest.fn().mockResolvedValue(0),
      recordSuccess: jest.fn().mockResolvedValue(undefined),
      ...over.throttle,
    },
    hasher: {
      hash: jest.fn().mockResolvedValue('$scrypt$new'),
      verify: jest.fn().mockResolvedValue(true),
      verifyDummy: jest.fn().mockResolvedValue(false),
      needsRehash: jest.fn().mockReturnValue(false),
      ...over.hasher,
    },
    accessTokens: { sign: jest.fn().mockResolvedValue('jwt'), ttlSeconds: 900, ...over.accessTokens },
    adminEmails: over.adminEmails ?? [],
    clock: () => NOW,
    newId: () => 'new-id',
  };
  return { init, service: new SessionService(init as unknown as SessionServiceInit) };
}

describe('SessionService.login', () => {
  it('refuses a locked account or address before looking at the password', async () => {
    const { init, service } = deps({ throttle: { reserve: jest.fn().mockResolvedValue(42) } });
    await expect(service.login('ann@orderflow.test', 'pw', '1.2.3.4')).rejects.toEqual(
      new LockedOutError(42),
    );
    expect(init.users.findByEmail).not.toHaveBeenCalled();
    expect(init.hasher.verify).not.toHaveBeenCalled();
  });

  it('spends a dummy hash on an unknown email, counted by the slot reserved before the check', async () => {
    const { init, service } = deps({ users: { findByEmail: jest.fn().mockResolvedValue(undefined) } });
    await expect(service.login('x@y.test', 'pw', '1.2.3.4')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(init.hasher.verifyDummy).toHaveBeenCalledWith('pw');
    expect(init.throttle.reserve).toHaveBeenCalledWith({ account: 'x@y.test', address: '1.2.3.4' });
    expect(init.throttle.recordSuccess).not.toHaveBeenCalled();
  });

  it('counts a wrong password against the normalised account and the address', async () => {
    const { init, service } = deps({ hasher: { verify: jest.fn().mockResolvedValue(false) } });
    await expect(service.login(' Ann@Orderflow.test ', 'bad', '1.2.3.4')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(init.throttle.reserve).toHaveBeenCalledWith({
      account: 'ann@orderflow.test',
      address: '1.2.3.4',
    });
    expect(init.throttle.recordSuccess).not.toHaveBeenCalled();
    expect(init.refreshTokens.issue).not.toHaveBeenCalled();
  });

  it('on success gives the slot back and issues a new family with roles from ADMIN_EMAILS', async () => {
    const { init, service } = deps({ adminEmails: ['ann@orderflow.test'] });
    await expect(service.login('ann@orderflow.test', 'pw', '1.2.3.4')).resolves.toEqual({
      accessToken: 'jwt',
      refreshToken: 'rt-new',
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    expect(init.throttle.recordSuccess).toHaveBeenCalled();
    expect(init.refreshTokens.issue).toHaveBeenCalledWith('u1', 0, undefined, undefined);
    expect(init.accessTokens.sign).toHaveBeenCalledWith({
      userId: 'u1',
      email: 'ann@orderflow.test',
      emailVerified: true,
      roles: ['customer', 'admin'],
    });
  });

  it('rehashes a password stored with outdated parameters', async () => {
    const { init, service } = deps({ hasher: { needsRehash: jest.fn().mockReturnValue(true) } });
    await service.login('ann@orderflow.test', 'pw', '1.2.3.4');
    expect(init.users.replace).toHaveBeenCalledWith(
      expect.objectContaining({ passwordHash: '$scrypt$new', _etag: 'e1' }),
    );
  });
});

describe('SessionService.refresh', () => {
  it('rotates: marks the token spent naming its successor, issues the successor in the same family', async () => {
    const { init, service } = deps({
      refreshTokens: { find: jest.fn().mockResolvedValue({ doc: token(), familyRevoked: false }) },
    });
    await expect(service.refresh('rt')).resolves.toMatchObject({ refreshToken: 'rt-new' });
    expect(init.refreshTokens.markUsed).toHaveBeenCalledWith(expect.objectContaining({ id: 't1' }), 'new-id');
    expect(init.refreshTokens.issue).toHaveBeenCalledWith('u1', 0, 'f1', 'new-id');
  });

  it.each([
    ['an unknown token', undefined],
    ['a revoked family', { doc: token(), familyRevoked: true }],
    ['an expired token', { doc: token({ expiresAt: '2026-03-01T11:59:59.000Z' }), familyRevoked: false }],
  ])('refuses %s without revoking or issuing', async (_label, found) => {
    const { init, service } = deps({ refreshTokens: { find: jest.fn().mockResolvedValue(found) } });
    await expect(service.refresh('rt')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(init.refreshTokens.issue).not.toHaveBeenCalled();
    expect(init.refreshTokens.revokeFamily).not.toHaveBeenCalled();
  });

  it('revokes the family when a spent token comes back', async () => {
    const { init, service } = deps({
      refreshTokens: {
        find: jest
          .fn()
          .mockResolvedValue({ doc: token({ usedAt: '2026-03-01T11:30:00.000Z' }), familyRevoked: false }),
      },
    });
    await expect(service.refresh('rt')).rejects.toThrow(/reuse/);
    expect(init.refreshTokens.revokeFamily).toHaveBeenCalledWith('u1', 'f1', 'reuse');
    expect(init.refreshTokens.issue).not.toHaveBeenCalled();
  });

  it('revokes the family when another request spent the token concurrently (conditional write lost)', async () => {
    const { init, service } = deps({
      refreshTokens: {
        find: jest.fn().mockResolvedValue({ doc: token(), familyRevoked: false }),
        markUsed: jest.fn().mockResolvedValue(false),
      },
    });
    await expect(service.refresh('rt')).rejects.toThrow(/concurrently/);
    expect(init.refreshTokens.revokeFamily).toHaveBeenCalledWith('u1', 'f1', 'reuse');
  });

  it('refuses a token issued before the last password reset', async () => {
    const { service } = deps({
      users: { get: jest.fn().mockResolvedValue({ ...user, tokensRevokedAt: '2026-03-01T11:00:00.000Z' }) },
      refreshTokens: { find: jest.fn().mockResolvedValue({ doc: token(), familyRevoked: false }) },
    });
    await expect(service.refresh('rt')).rejects.toThrow(/password reset/);
  });
});

describe('SessionService.refresh and password resets (token generations)', () => {
  it("refuses a token whose generation is older than the user's", async () => {
    const { init, service } = deps({
      users: { get: jest.fn().mockResolvedValue({ ...user, tokenGeneration: 1 }) },
      refreshTokens: { find: jest.fn().mockResolvedValue({ doc: token(), familyRevoked: false }) },
    });
    await expect(service.refresh('rt')).rejects.toThrow(/password reset/);
    expect(init.refreshTokens.markUsed).not.toHaveBeenCalled();
  });

  it("gives the successor its predecessor's generation and fails if a reset committed meanwhile", async () => {
    const { init, service } = deps({
      users: {
        get: jest
          .fn()
          .mockResolvedValueOnce({ ...user, tokenGeneration: 2 })
          .mockResolvedValueOnce({ ...user, tokenGeneration: 3 }),
      },
      refreshTokens: {
        find: jest.fn().mockResolvedValue({ doc: token({ generation: 2 }), familyRevoked: false }),
      },
    });
    await expect(service.refresh('rt')).rejects.toThrow(/password reset/);
    expect(init.refreshTokens.issue).toHaveBeenCalledWith('u1', 2, 'f1', 'new-id');
  });
});

describe('SessionService.logout', () => {
  it('revokes a genuine token family and ignores an unknown token', async () => {
    const known = deps({
      refreshTokens: { find: jest.fn().mockResolvedValue({ doc: token(), familyRevoked: false }) },
    });
    await known.service.logout('rt');
    expect(known.init.refreshTokens.revokeFamily).toHaveBeenCalledWith('u1', 'f1', 'logout');
    const unknown = deps();
    await expect(unknown.service.logout('rt')).resolves.toBeUndefined();
    expect(unknown.init.refreshTokens.revokeFamily).not.toHaveBeenCalled();
  });
});
