import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidResetTokenError,
} from '../../../shared/auth/errors';
import type { AuthEmailCommand } from '../../../shared/email/commands';
import { offlineAuth } from '../../support/offlineAuth';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();
const ADMIN = 'boss@orderflow.test';
let seq = 0;

const tokenOf = (sent: AuthEmailCommand[], to: string, type: AuthEmailCommand['type']): string => {
  const cmd = sent.filter((c) => c.to === to && c.type === type).at(-1);
  if (!cmd) throw new Error(`no ${type} mail to ${to}`);
  return cmd.token;
};

describe('email verification (UserStore.create / markVerified invariants)', () => {
  it('a squatter on an ADMIN_EMAILS address gets no admin role, and the owner takes the address over', async () => {
    const auth = offlineAuth(offline.client.database('identity'), { adminEmails: [ADMIN] });
    const squatter = await auth.accounts.register({ email: ADMIN, password: 'squatter pw', name: 'Mallory' });
    expect(squatter).toMatchObject({ emailVerified: false, roles: ['customer'] });
    // The only mail the unverified address got is the verification link.
    expect(auth.sent.map((c) => c.type)).toEqual(['verifyEmail']);
    await auth.sessions.login(ADMIN, 'squatter pw', '192.0.2.1'); // may sign in, as a customer

    const owner = await auth.accounts.register({ email: ADMIN, password: 'owner password', name: 'Owner' });
    const verified = await auth.accounts.verifyEmail(tokenOf(auth.sent, ADMIN, 'verifyEmail'));
    expect(verified).toMatchObject({ id: owner.id, emailVerified: true, roles: ['customer', 'admin'] });
    await expect(auth.sessions.login(ADMIN, 'squatter pw', '192.0.2.1')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await auth.sessions.login(ADMIN, 'owner password', '192.0.2.1');
    // Once verified, the address is the owner's for good.
    await expect(
      auth.accounts.register({ email: ADMIN, password: 'squatter pw', name: 'Mallory' }),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("the owner verifies even when the squatter re-registered after the owner's mail was sent", async () => {
    const auth = offlineAuth(offline.client.database('identity'), { adminEmails: [] });
    const email = `owner-${++seq}@shop.test`;
    const owner = await auth.accounts.register({ email, password: 'owner password', name: 'Owner' });
    const ownerToken = tokenOf(auth.sent, email, 'verifyEmail');
    await auth.accounts.register({ email, password: 'squatter pw', name: 'Mallory' });
    await expect(auth.accounts.verifyEmail(ownerToken)).resolves.toMatchObject({
      id: owner.id,
      emailVerified: true,
    });
    await auth.sessions.login(email, 'owner password', '192.0.2.1');
  });

  it('of 20 concurrent unverified registrations of one address all are registered and one of them holds the claim', async () => {
    const auth = offlineAuth(offline.client.database('identity'));
    const email = `race-${++seq}@shop.test`;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        auth.accounts.register({ email, password: `password ${i}`, name: 'R' }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const holder = await auth.users.findByEmail(email);
    expect(results.map((r) => r.status === 'fulfilled' && r.value.id)).toContain(holder?.id);
  });

  it('a verification token is one-time and cannot reset a password', async () => {
    const auth = offlineAuth(offline.client.database('identity'));
    const email = `once-${++seq}@shop.test`;
    await auth.accounts.register({ email, password: 'first password', name: 'Once' });
    const token = tokenOf(auth.sent, email, 'verifyEmail');
    await expect(auth.passwordReset.reset(token, 'new password 1')).rejects.toBeInstanceOf(
      InvalidResetTokenError,
    );
    await auth.accounts.verifyEmail(token);
    await expect(auth.accounts.verifyEmail(token)).rejects.toBeInstanceOf(InvalidResetTokenError);
  });
});

describe('password reset tokens (PasswordResetService invariants)', () => {
  it('after one reset, every other outstanding reset token of the account is dead', async () => {
    const auth = offlineAuth(offline.client.database('identity'));
    const user = await auth.newUser('old password');
    for (let i = 0; i < 3; i++) await auth.passwordReset.forgot(user.email, `r${i}`);
    const tokens = auth.sent
      .filter((c) => c.to === user.email && c.type === 'passwordReset')
      .map((c) => c.token);
    expect(tokens).toHaveLength(3);
    await auth.passwordReset.reset(tokens[1]!, 'new password');
    for (const t of [tokens[0]!, tokens[2]!])
      await expect(auth.passwordReset.reset(t, 'attacker password')).rejects.toBeInstanceOf(
        InvalidResetTokenError,
      );
    await auth.sessions.login(user.email, 'new password', '192.0.2.1');
  });

  it('of concurrent resets with different tokens of one account, exactly one succeeds (20 trials)', async () => {
    const auth = offlineAuth(offline.client.database('identity'), {
      forgotPerAccount: { maxFailures: 100, windowSeconds: 3600, lockoutSeconds: 3600 },
    });
    const failures: number[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const user = await auth.newUser('old password');
      for (let i = 0; i < 5; i++) await auth.passwordReset.forgot(user.email, `r${i}`);
      const tokens = auth.sent.filter((c) => c.to === user.email).map((c) => c.token);
      const results = await Promise.allSettled(
        tokens.map((t, i) => auth.passwordReset.reset(t, `password ${i}`)),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      if (ok !== 1) failures.push(ok);
    }
    expect(failures).toEqual([]);
  });

  it('30 concurrent forgot-password requests for one account send at most the limit (3), 10 trials', async () => {
    const auth = offlineAuth(offline.client.database('identity'));
    const excess: number[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const user = await auth.newUser('pw');
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => auth.passwordReset.forgot(user.email, `r${i}`)),
      );
      expect(answers.every((a) => a === undefined)).toBe(true); // the same answer to every caller
      const mails = auth.sent.filter((c) => c.to === user.email).length;
      if (mails > 3) excess.push(mails);
    }
    expect(excess).toEqual([]);
  });
});
