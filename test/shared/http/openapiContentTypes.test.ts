import { z } from 'zod';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import type { RouteDescriptor } from '../../../shared/http/routeDescriptor';

type Content = Record<string, { schema: unknown }>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Content }> }>> };

const route = (responses: RouteDescriptor['responses']): RouteDescriptor => ({
  operationId: 'asset',
  method: 'get',
  path: '/api/x',
  summary: 's',
  tags: ['t'],
  auth: 'none',
  responses,
});
const contentOf = (r: RouteDescriptor, status = '200'): Content | undefined =>
  (buildOpenApiDocument([r], { title: 't', version: '1' }) as Doc).paths['/api/x']!.get!.responses[status]!
    .content;

describe('buildOpenApiDocument: response media types', () => {
  it('documents every media type of a list, as strings when there is no schema', () => {
    const content = contentOf(
      route({ 200: { description: 'd', contentType: ['text/javascript', 'text/css'] } }),
    );
    expect(content).toEqual({
      'text/javascript': { schema: { type: 'string' } },
      'text/css': { schema: { type: 'string' } },
    });
  });

  it('uses the one schema for each listed media type', () => {
    const schema = z.strictObject({ n: z.int() });
    const content = contentOf(
      route({ 200: { description: 'd', schema, contentType: ['application/json', 'application/x-ndjson'] } }),
    );
    expect(Object.keys(content ?? {})).toEqual(['application/json', 'application/x-ndjson']);
    expect(content?.['application/x-ndjson']?.schema).toEqual(content?.['application/json']?.schema);
  });

  it('keeps a single string and the JSON default as before', () => {
    expect(
      Object.keys(contentOf(route({ 200: { description: 'd', contentType: 'text/html' } })) ?? {}),
    ).toEqual(['text/html']);
    const json = contentOf(route({ 200: { description: 'd', schema: z.string() } }));
    expect(Object.keys(json ?? {})).toEqual(['application/json']);
    expect(contentOf(route({ 204: { description: 'empty' } }), '204')).toBeUndefined();
  });
});
