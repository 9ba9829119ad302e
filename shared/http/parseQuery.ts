import type { ZodType, output } from 'zod';
import { httpErrors } from './errors';
import { fieldErrorsFromIssues } from './fieldErrorsFromIssues';

/**
 * Query string to a typed object via a (strict) schema. A repeated parameter is a 400: silently keeping
 * the first or last would let `?status=a&status=b` mean something the client did not intend.
 * Use `z.coerce.number()` etc. in the schema: every value arrives as a string.
 */
export function parseQuery<S extends ZodType>(query: URLSearchParams, schema: S): output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of query) {
    if (Object.hasOwn(raw, key))
      throw httpErrors.validation([{ path: `query.${key}`, message: 'Repeated parameter' }]);
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw httpErrors.validation(
      fieldErrorsFromIssues(parsed.error.issues, 'query').map((e) => ({
        ...e,
        path: e.path === 'query' ? e.path : `query.${e.path}`,
      })),
      'The query string failed validation.',
    );
  }
  return parsed.data;
}
