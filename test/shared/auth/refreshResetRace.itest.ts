import { InvalidTokenError } from '../../../shared/auth/errors';
import { offlineAuth } from '../../support/offlineAuth';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();
const TRIALS = 60;
// Bound of the refresh loop: far more refreshes than a reset takes round trips; reaching it is an escape.
const MAX_REFRESHES = 200;

describe('a password reset ends a refresh chain in flight (SessionService.refresh invariant)', () => {
  it(`no refresh started after the reset completed succeeds, in ${TRIALS} concurrent trials`, async () => {
    const auth = offlineAuth(offline.client.database('identity'));
    let escapes = 0;
    let escapedTrials = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const user = await auth.newUser('old password');
      let current = (await auth.sessions.login(user.email, 'old password', '127.0.0.1')).refreshToken;
      let resetDone = false;
      let refreshes = 0;
      const refresher = async (): Promise<void> => {
        while (refreshes++ < MAX_REFRESHES) {
          const startedAfterReset = resetDone;
          try {
            current = (await auth.sessions.refresh(current)).refreshToken;
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidTokenError);
            return;
          }
          if (startedAfterReset) escapes++;
        }
      };
      const resetter = async (): Promise<void> => {
        // A different phase each trial (0-7 extra round trips), so the reset lands at every step of a refresh.
        for (let i = 0; i < trial % 8; i++) await auth.users.get(user.id);
        const { token } = await auth.resetTokens.create(user.id);
        await auth.passwordReset.reset(token, 'new password');
        resetDone = true;
      };
      await Promise.all([refresher(), resetter()]);
      // Whatever the loop held last is dead too.
      const lastOk = await auth.sessions.refresh(current).then(
        () => true,
        () => false,
      );
      if (lastOk || refreshes > MAX_REFRESHES) escapedTrials++;
    }
    expect({ escapes, escapedTrials }).toEqual({ escapes: 0, escapedTrials: 0 });
  });
});
