import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAuthModule = lazyImport(() => import('../../shared/auth/authModule'));

app.http('login', {
  methods: ['POST'],
  route: 'auth/login',
  authLevel: 'anonymous',
  handler: httpHandler({}, async (req, call) => {
    const auth = await loadAuthModule();
    const body = await call.body(auth.loginBody);
    const { sessions } = await auth.getAuthServices();
    const address = auth.clientAddress(req, await auth.trustedProxies());
    const tokens = await auth.runAuth(call.log, () => sessions.login(body.email, body.password, address));
    return { status: 200, jsonBody: tokens };
  }),
});
