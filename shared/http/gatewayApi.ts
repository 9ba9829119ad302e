import { z } from 'zod';
import type { RouteDescriptor } from './routeDescriptor';

const html = { description: 'An HTML page.', contentType: 'text/html' };

/** The gateway's own routes: health, the OpenAPI document and the API reference page. */
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
];
