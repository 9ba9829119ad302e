import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('login', {
  methods: ['POST'],
  route: 'auth/login',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (req, call) => {
    const auth = await import('../../shared/auth/authModule');
    const body = await call.body(auth.loginBody);
    const { sessions } = await auth.getAuthServices();
    const tokens = await auth.runAuth(call.log, () =>
      sessions.login(body.email, body.password, auth.clientAddress(req)),
    );
    return { status: 200, jsonBody: tokens };
  }),
});
