import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

// Liveness only: it touches no dependency, so it answers even when Cosmos DB or Service Bus is down.
app.http('health', {
  methods: ['GET'],
  route: 'health',
  authLevel: 'anonymous',
  handler: httpHandler({}, () => Promise.resolve({ status: 200, jsonBody: { status: 'ok' } })),
});
