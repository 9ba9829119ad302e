import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('resetPassword', {
  methods: ['POST'],
  route: 'auth/password/reset',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.resetBody);
    const { passwordReset } = await auth.getAuthServices();
    await auth.runAuth(call.log, () => passwordReset.reset(body.token, body.password));
    return { status: 204 };
  }),
});
