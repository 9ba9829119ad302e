import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('forgotPassword', {
  methods: ['POST'],
  route: 'auth/password/forgot',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await import('../../shared/auth/authModule');
    const body = await call.body(auth.forgotBody);
    const { passwordReset } = await auth.getAuthServices();
    // 202 whether or not the account exists (and in the same time: see PasswordResetService.forgot).
    await auth.runAuth(call.log, () => passwordReset.forgot(body.email, call.requestId));
    return { status: 202, jsonBody: { status: 'accepted' } };
  }),
});
