import { InvalidResetTokenError } from '../../../shared/auth/errors';
import { PasswordResetService } from '../../../shared/auth/passwordResetService';
import type { StoredUser } from '../../../shared/auth/userStore';
import type { PasswordResetCommand } from '../../../shared/email/commands';

const NOW = new Date('2026-03-01T12:00:00Z');
const user: StoredUser = {
  id: 'u1',
  type: 'user',
  email: 'ann@orderflow.test',
  name: 'Ann',
  passwordHash: 'old',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  emailVerifiedAt: '2026-01-01T00:00:00.000Z',
  _etag: 'e1',
};

function setup(
  over: Partial<Record<'findByEmail' | 'get' | 'replace' | 'consume' | 'reserveResetMail', jest.Mock>> = {},
) {
  const sent: PasswordResetCommand[] = [];
  const init = {
    users: {
      findByEmail: over.findByEmail ?? jest.fn().mockResolvedValue(user),
      get: over.get ?? jest.fn().mockResolvedValue(user),
      replace: over.replace ?? jest.fn().mockResolvedValue(true),
      markVerified: jest.fn().mockResolvedValue(user),
    },
    resetTokens: {
      create: jest.fn().mockResolvedValue({ token: 'T'.repeat(43), expiresAt: '2026-03-01T13:00:00.000Z' }),
      consume: over.consume ?? jest.fn().mockResolvedValue({ userId: 'u1', generation: 0 }),
    },
    throttle: {
      clearAccount: jest.fn().mockResolvedValue(undefined),
      reserveResetMail: over.reserveResetMail ?? jest.fn().mockResolvedValue(0),
    },
    verification: { sendVerification: jest.fn().mockResolvedValue(undefined) },
    hasher: { hash: jest.fn().mockResolvedValue('new-hash') },
    email: { send: jest.fn((c: PasswordResetCommand) => Promise.resolve(void sent.push(c))) },
    clock: () => NOW,
    newId: () => 'cmd-1',
    forgotFloorMs: 0,
  };
  return { init, sent, service: new PasswordResetService(init) };
}

describe('PasswordResetService.forgot', () => {
  it('sends a passwordReset command for a known account', async () => {
    const { sent, service } = setup();
    await service.forgot('Ann@orderflow.test', 'req-9');
    expect(sent).toEqual([
      {
        id: 'cmd-1',
        type: 'passwordReset',
        to: 'ann@orderflow.test',
        name: 'Ann',
        token: 'T'.repeat(43),
        expiresAt: '2026-03-01T13:00:00.000Z',
        createdAt: NOW.toISOString(),
        correlationId: 'req-9',
      },
    ]);
  });

  it('does nothing visible for an unknown email', async () => {
    const { init, sent, service } = setup({ findByEmail: jest.fn().mockResolvedValue(undefined) });
    await expect(service.forgot('x@y.test', 'r')).resolves.toBeUndefined();
    expect(sent).toEqual([]);
    expect(init.resetTokens.create).not.toHaveBeenCalled();
  });

  it('sends nothing once the account has used its reset mails (same answer)', async () => {
    const { init, sent, service } = setup({ reserveResetMail: jest.fn().mockResolvedValue(1800) });
    await expect(service.forgot('ann@orderflow.test', 'r')).resolves.toBeUndefined();
    expect(sent).toEqual([]);
    expect(init.resetTokens.create).not.toHaveBeenCalled();
  });

  it('sends an unverified account the verification mail instead of a reset link', async () => {
    const unverified = { ...user, emailVerifiedAt: undefined };
    const { init, sent, service } = setup({ findByEmail: jest.fn().mockResolvedValue(unverified) });
    await service.forgot('ann@orderflow.test', 'r');
    expect(sent).toEqual([]);
    expect(init.verification.sendVerification).toHaveBeenCalledWith(unverified, 'r');
  });

  it('never answers before the time floor, known account or not', async () => {
    const { init, service } = setup({ findByEmail: jest.fn().mockResolvedValue(undefined) });
    init.forgotFloorMs = 60;
    const started = performance.now();
    await service.forgot('x@y.test', 'r');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('PasswordResetService.reset', () => {
  it('sets the new hash, revokes every refresh token issued before now, and lifts a lockout', async () => {
    const { init, service } = setup();
    await service.reset('token', 'new password');
    expect(init.users.replace).toHaveBeenCalledWith(
      expect.objectContaining({ passwordHash: 'new-hash', tokensRevokedAt: NOW.toISOString(), _etag: 'e1' }),
    );
    expect(init.throttle.clearAccount).toHaveBeenCalledWith('ann@orderflow.test');
  });

  it('refuses a token the store does not accept (unknown, used or expired)', async () => {
    const { init, service } = setup({ consume: jest.fn().mockResolvedValue(undefined) });
    await expect(service.reset('token', 'new password')).rejects.toBeInstanceOf(InvalidResetTokenError);
    expect(init.hasher.hash).not.toHaveBeenCalled();
  });

  it('refuses a token issued before another reset of the account (its generation is stale)', async () => {
    const { init, service } = setup({ get: jest.fn().mockResolvedValue({ ...user, tokenGeneration: 1 }) });
    await expect(service.reset('token', 'new password')).rejects.toBeInstanceOf(InvalidResetTokenError);
    expect(init.users.replace).not.toHaveBeenCalled();
  });

  it('retries when the user document changed in between (412), then succeeds', async () => {
    const replace = jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const { init, service } = setup({ replace });
    await service.reset('token', 'new password');
    expect(replace).toHaveBeenCalledTimes(2);
    expect(init.users.get).toHaveBeenCalledTimes(2);
  });
});
