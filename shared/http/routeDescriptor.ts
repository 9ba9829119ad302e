import type { ZodType } from 'zod';
import type { AuthMode } from './httpHandler';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDescriptor {
  description: string;
  /** Body schema (output side). Omit for an empty body. */
  schema?: ZodType;
  /**
   * Default `application/json`; e.g. `text/html` for pages. A list when the media type depends on the
   * resource (a script or a style sheet): each is documented with the same schema.
   */
  contentType?: string | readonly string[];
  /** Response headers worth documenting: name -> description. */
  headers?: Record<string, string>;
}

export interface HeaderDescriptor {
  name: string;
  description: string;
  required?: boolean;
}

/**
 * One HTTP route, described for the OpenAPI document. Each service exports an array of these from
 * `shared/<service>/api.ts`; `apiCatalog.ts` lists the arrays; `openapi.ts` turns them into OpenAPI 3.1.
 * The schemas are the very zod schemas the handlers validate with, so the document cannot drift from
 * the code; an integration test checks every registered HTTP function has a descriptor.
 */
export interface RouteDescriptor {
  operationId: string;
  method: HttpMethod;
  /** Full path with the `/api` prefix and `{param}` placeholders, e.g. `/api/orders/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Same meaning as `httpHandler({ auth })`; a role adds bearer security and 401/403 responses. */
  auth: AuthMode;
  /** Strict object schema of the route parameters. */
  params?: ZodType;
  /** Strict object schema of the query string. */
  query?: ZodType;
  headers?: HeaderDescriptor[];
  /** JSON request body (input side); adds 400/413/415 responses. */
  body?: ZodType;
  /** Success (and specific error) responses by status. Problem responses need only a description. */
  responses: Record<number, ResponseDescriptor>;
}
