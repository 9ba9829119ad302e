import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('forgotPassword', {
  methods: ['POST'],
  route: 'auth/password/forgot',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.forgotBody);
    const { passwordReset } = await auth.getAuthServices();
    // 202 whether or not the account exists (and in the same time: see PasswordResetService.forgot).
    await auth.runAuth(call.log, () => passwordReset.forgot(body.email, call.requestId));
    return { status: 202, jsonBody: { status: 'accepted' } };
  }),
});
