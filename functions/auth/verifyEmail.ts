import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('verifyEmail', {
  methods: ['POST'],
  route: 'auth/email/verify',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.verifyEmailBody);
    const { accounts } = await auth.getAuthServices();
    const user = await auth.runAuth(call.log, () => accounts.verifyEmail(body.token));
    call.log.info(`verified the email of user ${user.id}`);
    return { status: 200, jsonBody: user };
  }),
});
