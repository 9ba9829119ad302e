import { z } from 'zod';
import { authApi } from '../../../shared/auth/api';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import type { RouteDescriptor } from '../../../shared/http/routeDescriptor';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, unknown>;
        security: unknown[];
        requestBody?: unknown;
        parameters?: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};
const build = (routes: RouteDescriptor[]): Doc =>
  buildOpenApiDocument(routes, { title: 't', version: '1' }) as Doc;

const thing = z.strictObject({ n: z.number().int() }).meta({ id: 'TestThing' });
const route: RouteDescriptor = {
  operationId: 'makeThing',
  method: 'post',
  path: '/api/things/{id}',
  summary: 's',
  tags: ['t'],
  auth: 'admin',
  params: z.strictObject({ id: z.string() }),
  query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
  body: thing,
  responses: { 201: { description: 'made', schema: thing }, 409: { description: 'exists' } },
};

describe('buildOpenApiDocument', () => {
  it('hoists named schemas into components and refers to them', () => {
    const doc = build([route]);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.TestThing).toMatchObject({ type: 'object', additionalProperties: false });
    expect(JSON.stringify(doc.paths)).toContain('#/components/schemas/TestThing');
    expect(JSON.stringify(doc)).not.toContain('$defs');
  });

  it('adds the implied problem responses and bearer security for protected routes', () => {
    const op = build([route]).paths['/api/things/{id}']!.post!;
    expect(Object.keys(op.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '500',
    ]);
    expect(JSON.stringify(op.responses['409'])).toContain('application/problem+json');
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(op.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'dryRun', in: 'query', required: false }),
      ]),
    );
  });

  it('refuses duplicate operation ids and routes', () => {
    expect(() => build([route, route])).toThrow(/duplicate operationId/);
    expect(() => build([route, { ...route, operationId: 'other' }])).toThrow(/duplicate route/);
  });

  it('documents every auth route with its body and success schema', () => {
    const doc = build(authApi);
    for (const p of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/refresh',
      '/api/auth/logout',
      '/api/auth/password/forgot',
      '/api/auth/password/reset',
    ]) {
      expect(doc.paths[p]?.post?.requestBody).toBeDefined();
    }
    expect(doc.paths['/api/auth/me']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.TokenPair).toBeDefined();
  });
});
