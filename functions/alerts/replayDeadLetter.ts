import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';

/** Sends a dead letter back to `orders` (same body and properties, new messageId) and records who and when. */
app.http('replayDeadLetter', {
  methods: ['POST'],
  route: 'admin/deadletters/{id}/replay',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async (req, call) => {
    const [{ replayDeadLetter }, { getAlertServices }, { DeadLetterNotFoundError }, { getServiceBusSender }] =
      await Promise.all([
        import('../../shared/alerts/replayDeadLetter'),
        import('../../shared/alerts/alertServices'),
        import('../../shared/alerts/errors'),
        import('../../shared/platform/processClients'),
      ]);
    const services = await getAlertServices();
    try {
      const { alert, messageId } = await replayDeadLetter(req.params.id ?? '', call.principal.email, {
        store: services.store,
        sender: await getServiceBusSender(services.settings, 'orders'),
      });
      call.log.info(`replayed dead letter ${alert.id} as ${messageId}`);
      return {
        status: 202,
        jsonBody: { id: alert.id, messageId, replayedAt: alert.replayedAt, replayedBy: alert.replayedBy },
      };
    } catch (err) {
      if (err instanceof DeadLetterNotFoundError) throw httpErrors.notFound(err.message);
      throw err;
    }
  }),
});
