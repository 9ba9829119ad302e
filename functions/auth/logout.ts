import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('logout', {
  methods: ['POST'],
  route: 'auth/logout',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await import('../../shared/auth/authModule');
    const body = await call.body(auth.logoutBody);
    const { sessions } = await auth.getAuthServices();
    await auth.runAuth(call.log, () => sessions.logout(body.refreshToken));
    return { status: 204 };
  }),
});
