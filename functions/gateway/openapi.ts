import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('openapi', {
  methods: ['GET'],
  route: 'openapi.json',
  authLevel: 'anonymous',
  handler: httpHandler({}, async () => {
    const { openApiDocument } = await import('../../shared/http/openApiDocument');
    return {
      status: 200,
      body: openApiDocument(),
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
    };
  }),
});
