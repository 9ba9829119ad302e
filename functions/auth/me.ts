import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('me', {
  methods: ['GET'],
  route: 'auth/me',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (_req, call) => {
    const auth = await import('../../shared/auth/authModule');
    const { accounts } = await auth.getAuthServices();
    const user = await accounts.me(call.principal.userId);
    if (!user) throw httpErrors.notFound('The account no longer exists.');
    return { status: 200, jsonBody: user };
  }),
});
