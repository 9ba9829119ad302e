import { z, type ZodType } from 'zod';
import { problemSchema } from './problemSchema';
import type { ResponseDescriptor, RouteDescriptor } from './routeDescriptor';

type Json = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  /** SPDX license of the API (OpenAPI 3.1 `identifier`). */
  license?: { name: string; identifier: string };
}

/** Collects named schemas (zod `.meta({ id })`) into `components.schemas` and returns `$ref`s to them. */
class SchemaCollector {
  readonly components: Record<string, Json> = {};

  toJson(schema: ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$schema;
    delete json.$defs;
    for (const [id, def] of Object.entries(defs)) this.components[id] ??= this.#refs(def);
    return this.#refs(json);
  }

  // zod refers to hoisted schemas as `#/$defs/<id>`; OpenAPI keeps them in components.
  #refs(json: Json): Json {
    return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  }
}

const problemResponse = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const STANDARD_PROBLEMS: Record<number, string> = {
  400: 'Malformed JSON, wrong types, unknown fields or invalid values; `errors` names each field.',
  401: 'Missing, malformed, expired or forged bearer token (see WWW-Authenticate).',
  403: 'The token lacks the required role.',
  413: 'The body exceeds 256 KB.',
  415: 'The body is not `application/json`.',
  500: 'Unexpected error; the problem carries only the request id.',
};

function parametersOf(route: RouteDescriptor, c: SchemaCollector): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = c.toJson(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, s] of Object.entries(props)) {
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: s,
        ...(s.description ? { description: s.description } : {}),
      });
    }
  }
  for (const h of route.headers ?? []) {
    out.push({
      name: h.name,
      in: 'header',
      required: h.required ?? false,
      description: h.description,
      schema: { type: 'string' },
    });
  }
  return out;
}

function responseOf(status: number, r: ResponseDescriptor, c: SchemaCollector): Json {
  if (status >= 400 && !r.schema) return problemResponse(r.description);
  const out: Json = { description: r.description };
  if (r.headers) {
    out.headers = Object.fromEntries(
      Object.entries(r.headers).map(([name, description]) => [
        name,
        { description, schema: { type: 'string' } },
      ]),
    );
  }
  const types = typeof r.contentType === 'string' ? [r.contentType] : (r.contentType ?? []);
  if (r.schema) {
    const schema = c.toJson(r.schema, 'output');
    const media = types.length > 0 ? types : ['application/json'];
    out.content = Object.fromEntries(media.map((t) => [t, { schema }]));
  } else if (types.length > 0)
    out.content = Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' } }]));
  return out;
}

function operationOf(route: RouteDescriptor, c: SchemaCollector): Json {
  const responses: Record<string, Json> = {};
  for (const [status, r] of Object.entries(route.responses))
    responses[status] = responseOf(Number(status), r, c);
  const implied = [
    500,
    ...(route.body || route.query || route.params ? [400] : []),
    ...(route.body ? [413, 415] : []),
    ...(route.auth === 'none' ? [] : [401, 403]),
  ];
  for (const status of implied) responses[status] ??= problemResponse(STANDARD_PROBLEMS[status]!);
  const parameters = parametersOf(route, c);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: c.toJson(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    security: route.auth === 'none' ? [] : [{ bearerAuth: [] }],
    ...(route.auth === 'none' ? {} : { 'x-required-role': route.auth }),
  };
}

/** Assembles an OpenAPI 3.1 document from route descriptors; throws on a duplicate operationId or route. */
export function buildOpenApiDocument(routes: readonly RouteDescriptor[], info: OpenApiInfo): Json {
  const c = new SchemaCollector();
  c.toJson(problemSchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  const ids = new Set<string>();
  for (const route of routes) {
    if (ids.has(route.operationId)) throw new Error(`duplicate operationId ${route.operationId}`);
    ids.add(route.operationId);
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`duplicate route ${route.method.toUpperCase()} ${route.path}`);
    item[route.method] = operationOf(route, c);
  }
  return {
    openapi: '3.1.0',
    info,
    // No jsonSchemaDialect: the default (OAS 3.1's base dialect) is JSON Schema 2020-12, which is what zod emits,
    // and Swagger UI shows every visitor a warning for any other value, even the 2020-12 meta-schema's URL.
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: c.components,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
