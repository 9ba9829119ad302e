import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('logout', {
  methods: ['POST'],
  route: 'auth/logout',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.logoutBody);
    const { sessions } = await auth.getAuthServices();
    await auth.runAuth(call.log, () => sessions.logout(body.refreshToken));
    return { status: 204 };
  }),
});
