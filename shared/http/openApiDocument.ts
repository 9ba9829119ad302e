import pkg from '../../package.json';
import { apiCatalog } from './apiCatalog';
import { buildOpenApiDocument } from './openapi';

let cached: string | undefined;

/** The serialised OpenAPI document of every service, built once per process from apiCatalog. */
export function openApiDocument(): string {
  cached ??= JSON.stringify(
    buildOpenApiDocument(apiCatalog, {
      title: 'orderflow API',
      version: pkg.version,
      license: { name: pkg.license, identifier: pkg.license },
      description:
        'Every error is RFC 9457 problem+json (`application/problem+json`) with `requestId`; every response ' +
        'carries `x-request-id` (the W3C trace id of `traceparent` when sent). Sign in with `POST /api/auth/login` ' +
        'and send the access token as `Authorization: Bearer <token>`.',
    }),
  );
  return cached;
}
