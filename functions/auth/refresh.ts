import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('refresh', {
  methods: ['POST'],
  route: 'auth/refresh',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (_req, call) => {
    const auth = await import('../../shared/auth/authModule');
    const body = await call.body(auth.refreshBody);
    const { sessions } = await auth.getAuthServices();
    const tokens = await auth.runAuth(call.log, () => sessions.refresh(body.refreshToken));
    return { status: 200, jsonBody: tokens };
  }),
});
