// The API reference page: Swagger UI bundled by our build (dist/web/docs/main.js + main.css), served by
// functions/gateway/docs.ts. Nothing comes from a CDN and there is no inline script, so the page CSP holds.
import { SwaggerUIBundle } from './swaggerUi';
import 'swagger-ui-dist/swagger-ui.css';

SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: true,
});
