import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOpenApiDocument = lazyImport(() => import('../../shared/http/openApiDocument'));

app.http('openapi', {
  methods: ['GET'],
  route: 'openapi.json',
  authLevel: 'anonymous',
  handler: httpHandler({}, async () => {
    const { openApiDocument } = await loadOpenApiDocument();
    return {
      status: 200,
      body: openApiDocument(),
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
    };
  }),
});
