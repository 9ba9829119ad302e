import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { ZodType, output } from 'zod';
import type { Principal } from '../../auth/principal';
import { isAdmin } from '../../auth/principal';
import { httpErrors } from '../../http/errors';
import type { Actor } from '../actor';
import type { OrderView } from '../orderDeps';

/** The domain's view of the authenticated caller. */
export function actorOf(principal: Principal): Actor {
  return {
    id: principal.userId,
    email: principal.email,
    emailVerified: principal.emailVerified === true,
    isAdmin: isAdmin(principal),
  };
}

/** An order with its ETag; a GET whose If-None-Match still matches gets 304 and no body. */
export function orderResponse(view: OrderView, req?: HttpRequest, status = 200): HttpResponseInit {
  const ifNoneMatch = req?.method === 'GET' ? req.headers.get('if-none-match') : null;
  // If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
  const weak = (t: string) => t.trim().replace(/^W\//, '');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => weak(t) === view.etag || t.trim() === '*')) {
    return { status: 304, headers: { ETag: view.etag } };
  }
  return { status, headers: { ETag: view.etag }, jsonBody: view.order };
}

/** An optional request header validated by `schema`; a bad value is a 400 naming the header. */
export function headerOf<S extends ZodType>(
  req: HttpRequest,
  name: string,
  schema: S,
): output<S> | undefined {
  const raw = req.headers.get(name);
  if (raw === null) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw httpErrors.validation(
      [{ path: `headers.${name}`, message: parsed.error.issues[0]?.message ?? 'invalid' }],
      `The ${name} header is invalid.`,
    );
  }
  return parsed.data;
}

/** If-Match as sent; an empty header counts as absent. */
export function ifMatchOf(req: HttpRequest): string | undefined {
  const value = req.headers.get('if-match')?.trim();
  return value ? value : undefined;
}
