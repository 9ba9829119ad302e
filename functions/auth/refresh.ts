import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('refresh', {
  methods: ['POST'],
  route: 'auth/refresh',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.refreshBody);
    const { sessions } = await auth.getAuthServices();
    const tokens = await auth.runAuth(call.log, () => sessions.refresh(body.refreshToken));
    return { status: 200, jsonBody: tokens };
  }),
});
