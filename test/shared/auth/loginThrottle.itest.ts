import { InvalidCredentialsError, LockedOutError } from '../../../shared/auth/errors';
import { offlineAuth } from '../../support/offlineAuth';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();
const LIMIT = 5;
const policy = { maxFailures: LIMIT, windowSeconds: 600, lockoutSeconds: 600 };

type Outcome = 'ok' | 'wrong' | 'locked';

/** `n` concurrent logins to one account, each from its own address; the right password at `rightAt`. */
async function burst(auth: ReturnType<typeof offlineAuth>, n: number, rightAt: number, trial: number) {
  const user = await auth.newUser('right');
  const before = auth.hasher.checks;
  const outcomes = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      auth.sessions.login(user.email, i === rightAt ? 'right' : `wrong-${i}`, `198.51.${trial}.${i}`).then(
        (): Outcome => 'ok',
        (err: unknown): Outcome => {
          if (err instanceof InvalidCredentialsError) return 'wrong';
          if (err instanceof LockedOutError) return 'locked';
          throw err;
        },
      ),
    ),
  );
  return { checks: auth.hasher.checks - before, outcomes };
}

describe('login attempts are reserved before the password check (LoginThrottle invariant)', () => {
  // A success gives its slot back (it was no failure), so the bound is on failed checks: at most LIMIT wrong
  // passwords checked, and the right one only if it won one of the LIMIT slots.
  it(`30 concurrent logins (29 wrong, 1 right) check at most ${LIMIT} wrong passwords, in 50 trials`, async () => {
    const auth = offlineAuth(offline.client.database('identity'), { account: policy });
    const escapes: Array<{ trial: number; checks: number; wrong: number }> = [];
    for (let trial = 0; trial < 50; trial++) {
      const { checks, outcomes } = await burst(auth, 30, (trial * 7) % 30, trial);
      const wrong = outcomes.filter((o) => o === 'wrong').length;
      const ok = outcomes.filter((o) => o === 'ok').length;
      if (wrong > LIMIT || checks !== wrong + ok || checks > LIMIT + ok)
        escapes.push({ trial, checks, wrong });
    }
    expect(escapes).toEqual([]);
    // ~15 s of CPU; minutes of wall clock when the 2 shared cores are busy.
  }, 240_000);

  it(`100 concurrent wrong logins check at most ${LIMIT} passwords and lock the account`, async () => {
    const auth = offlineAuth(offline.client.database('identity'), { account: policy });
    for (let trial = 0; trial < 3; trial++) {
      const { checks, outcomes } = await burst(auth, 100, -1, 100 + trial);
      expect(checks).toBeLessThanOrEqual(LIMIT);
      expect(outcomes.filter((o) => o === 'wrong')).toHaveLength(checks);
    }
  });

  it('a client address is limited likewise across accounts, concurrently', async () => {
    const auth = offlineAuth(offline.client.database('identity'), {
      account: policy,
      address: { ...policy, maxFailures: 8 },
    });
    const users = await Promise.all(Array.from({ length: 40 }, () => auth.newUser('right')));
    const before = auth.hasher.checks;
    const outcomes = await Promise.allSettled(
      users.map((u) => auth.sessions.login(u.email, 'wrong', '192.0.2.77')),
    );
    expect(auth.hasher.checks - before).toBeLessThanOrEqual(8);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof LockedOutError).length).toBe(
      40 - (auth.hasher.checks - before),
    );
  });

  it('a success gives the address its slot back and clears the account', async () => {
    const auth = offlineAuth(offline.client.database('identity'), {
      account: policy,
      address: { ...policy, maxFailures: 2 },
    });
    const user = await auth.newUser('right');
    // Far more sequential successes than the address limit: successes never lock an address.
    for (let i = 0; i < 20; i++) await auth.sessions.login(user.email, 'right', '192.0.2.99');
    await expect(auth.sessions.login(user.email, 'wrong', '192.0.2.99')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });
});
