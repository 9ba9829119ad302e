import { z } from 'zod';
import type { RouteDescriptor } from './routeDescriptor';

const html = { description: 'An HTML page.', contentType: 'text/html' };

/** The gateway's own routes: health, the OpenAPI document, the API reference page and the pages mails link to. */
export const gatewayApi: RouteDescriptor[] = [
  {
    operationId: 'health',
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: answers 200 without touching any dependency.',
    tags: ['gateway'],
    auth: 'none',
    responses: { 200: { description: 'Alive.', schema: z.object({ status: z.literal('ok') }) } },
  },
  {
    operationId: 'openapi',
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the zod schemas the handlers validate with.',
    tags: ['gateway'],
    auth: 'none',
    responses: { 200: { description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) } },
  },
  {
    operationId: 'docs',
    method: 'get',
    path: '/api/docs',
    summary: 'Interactive API reference (Swagger UI, served from this app: no CDN).',
    tags: ['gateway'],
    auth: 'none',
    responses: { 200: html },
  },
  {
    operationId: 'docsAsset',
    method: 'get',
    path: '/api/docs/{asset}',
    summary: 'Script and style sheet of the API reference page.',
    tags: ['gateway'],
    auth: 'none',
    params: z.strictObject({ asset: z.enum(['main.js', 'main.css']) }),
    responses: {
      200: { description: 'The asset.', contentType: ['text/javascript', 'text/css'] },
      404: { description: 'No such asset.' },
    },
  },
  {
    operationId: 'accountPage',
    method: 'get',
    path: '/api/account/{page}',
    summary:
      'The pages the password-reset and verification mails link to: a new-password form, a confirm button.',
    description:
      'Static HTML (no data, no inline script, `Cache-Control: no-store`). The mailed link carries the one-time ' +
      'token in the fragment (`#token=...`), which the browser never sends to a server; the page reads it, ' +
      'removes it from the address bar (history.replaceState) and posts it to `/api/auth/password/reset` or ' +
      '`/api/auth/email/verify`. `?token=` is read the same way.',
    tags: ['gateway'],
    auth: 'none',
    params: z.strictObject({ page: z.enum(['reset-password', 'verify-email']) }),
    responses: { 200: html, 404: { description: 'No such page.' } },
  },
  {
    operationId: 'accountOrderPage',
    method: 'get',
    path: '/api/account/orders/{id}',
    summary: "The page order mails link to: sign in, then the order's status (from `GET /api/orders/{id}`).",
    tags: ['gateway'],
    auth: 'none',
    params: z.strictObject({ id: z.string().meta({ description: 'The order id' }) }),
    responses: { 200: html },
  },
  {
    operationId: 'accountAsset',
    method: 'get',
    path: '/api/account/assets/{asset}',
    summary: 'Script and style sheet of the account pages.',
    tags: ['gateway'],
    auth: 'none',
    params: z.strictObject({ asset: z.enum(['main.js', 'main.css']) }),
    responses: {
      200: { description: 'The asset.', contentType: ['text/javascript', 'text/css'] },
      404: { description: 'No such asset.' },
    },
  },
];
