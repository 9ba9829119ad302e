import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('register', {
  methods: ['POST'],
  route: 'auth/register',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.registerBody);
    const { accounts } = await auth.getAuthServices();
    const user = await auth.runAuth(call.log, () => accounts.register(body, call.requestId));
    call.log.info(`registered user ${user.id}`);
    return { status: 201, jsonBody: user, headers: { Location: '/api/auth/me' } };
  }),
});
