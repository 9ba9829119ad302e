import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';

/**
 * Sends a dead letter back to the queue it was dead-lettered from (same body and properties, new messageId)
 * exactly once; every later
 * or concurrent request gets 202 with the same replay messageId (see shared/alerts/replayDeadLetter.ts).
 */
app.http('replayDeadLetter', {
  methods: ['POST'],
  route: 'admin/deadletters/{id}/replay',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async (_req, call) => {
    const [
      { replayDeadLetter },
      { getAlertServices },
      { DeadLetterNotFoundError },
      { getServiceBusSender },
      { deadLetterIdParams },
    ] = await Promise.all([
      import('../../shared/alerts/replayDeadLetter'),
      import('../../shared/alerts/alertServices'),
      import('../../shared/alerts/errors'),
      import('../../shared/platform/processClients'),
      import('../../shared/alerts/deadLetterIdParams'),
    ]);
    const { id } = call.params(deadLetterIdParams);
    const services = await getAlertServices();
    try {
      const { alert, messageId, replayedNow } = await replayDeadLetter(id, call.principal.email, {
        store: services.store,
        senderFor: (queue) => getServiceBusSender(services.settings, queue),
      });
      call.log.info(
        `${replayedNow ? 'replayed' : 'already replayed:'} dead letter ${alert.id} as ${messageId}`,
      );
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
