import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('me', {
  methods: ['GET'],
  route: 'auth/me',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (_req, call) => {
    const auth = await loadAuthModule();
    const { accounts } = await auth.getAuthServices();
    const user = await accounts.me(call.principal.userId);
    if (!user) throw httpErrors.notFound('The account no longer exists.');
    return { status: 200, jsonBody: user };
  }),
});
