import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('listDeadLetters', {
  methods: ['GET'],
  route: 'admin/deadletters',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async () => {
    const [{ listDeadLetters }, { getAlertServices }] = await Promise.all([
      import('../../shared/alerts/listDeadLetters'),
      import('../../shared/alerts/alertServices'),
    ]);
    return { status: 200, jsonBody: await listDeadLetters((await getAlertServices()).store) };
  }),
});
