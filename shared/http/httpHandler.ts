import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ZodType, output } from 'zod';
import type { Principal, Role } from '../auth/principal';
import { lazyImport } from '../platform/lazyImport';
import { tracedHandler } from '../telemetry/tracedHandler';
import { parseQuery } from './parseQuery';
import { readJsonBody } from './readJsonBody';
import { createRequestLogger, type RequestLogger } from './requestLogger';
import { requestIdFrom } from './requestId';
import { securityHeaders, type ContentPolicy } from './securityHeaders';
import { toProblemResponse } from './toProblemResponse';

/** `none`: anonymous. A role: a valid bearer token holding it (every user is a `customer`; admins also `admin`). */
export type AuthMode = 'none' | Role;

export interface HttpHandlerOptions<A extends AuthMode> {
  /** Who may call. Default `none`. */
  auth?: A;
  /** `api` (default): JSON, strict CSP, `Cache-Control: no-store`. `page`: HTML/JS/CSS we serve (docs, dashboard). */
  content?: ContentPolicy;
}

/** What a handler gets besides the request. Everything here is cheap; heavy modules stay behind `await import`. */
export interface HttpCall<A extends AuthMode> {
  /** W3C trace id from `traceparent`, or generated; echoed as `x-request-id` and in problem documents. */
  readonly requestId: string;
  /** Logger whose every line starts with `[requestId]`. */
  readonly log: RequestLogger;
  readonly invocation: InvocationContext;
  /** The caller; always set when `auth` is a role. */
  readonly principal: A extends Role ? Principal : undefined;
  /** Reads and validates the JSON body (415/413/400 as problem+json). Pass a strict zod schema. */
  body<S extends ZodType>(schema: S, limitBytes?: number): Promise<output<S>>;
  /** Validates the query string (400 naming the parameter). */
  query<S extends ZodType>(schema: S): output<S>;
  /** Validates route parameters (400 naming the parameter). */
  params<S extends ZodType>(schema: S): output<S>;
}

export type HttpCallHandler<A extends AuthMode> = (
  req: HttpRequest,
  call: HttpCall<A>,
) => Promise<HttpResponseInit>;

function paramsOf<S extends ZodType>(req: HttpRequest, schema: S): output<S> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(req.params)) q.set(k, v);
  return parseQuery(q, schema);
}

// Built once: the same headers go on every response of a content policy.
const SECURITY_HEADERS: Record<ContentPolicy, ReadonlyArray<[string, string]>> = {
  api: Object.entries(securityHeaders('api')),
  page: Object.entries(securityHeaders('page')),
};

/** jose and configuration load on the first authenticated call; later calls reuse the same modules. */
const loadAuth = lazyImport(() => Promise.all([import('./authenticate'), import('../auth/getAccessTokens')]));

function finish(res: HttpResponseInit, requestId: string, content: ContentPolicy): HttpResponseInit {
  const headers = new Headers(res.headers);
  let body = res.body;
  if (res.jsonBody !== undefined) {
    body = JSON.stringify(res.jsonBody);
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json; charset=utf-8');
  }
  if (!headers.has('cache-control'))
    headers.set('Cache-Control', content === 'api' ? 'no-store' : 'no-cache');
  for (const [name, value] of SECURITY_HEADERS[content]) headers.set(name, value);
  headers.set('x-request-id', requestId);
  return {
    status: res.status ?? 200,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(res.cookies ? { cookies: res.cookies } : {}),
  };
}

/**
 * Wraps an HTTP function: request id, per-request logger, authentication, problem+json for every error,
 * security headers and `x-request-id` on every response. Only type imports and tiny helpers load with it,
 * so a function file's top level stays light; jose/config load on the first authenticated call.
 *
 * ```ts
 * const loadSchemas = lazyImport(() => import('../../shared/orders/schemas')); // loaded on the first call, kept
 * app.http('createOrder', { methods: ['POST'], route: 'orders', authLevel: 'anonymous',
 *   handler: httpHandler({ auth: 'customer' }, async (req, call) => {
 *     const { createOrderBody } = await loadSchemas();
 *     const body = await call.body(createOrderBody);     // 415 / 413 / 400 handled
 *     if (!found) throw httpErrors.notFound();            // any HttpError -> problem+json
 *     return { status: 201, jsonBody: order, headers: { Location: `/api/orders/${order.id}` } };
 *   }) });
 * ```
 */
export function httpHandler<A extends AuthMode = 'none'>(
  options: HttpHandlerOptions<A>,
  fn: HttpCallHandler<A>,
): HttpHandler {
  const content = options.content ?? 'api';
  const auth: AuthMode = options.auth ?? 'none';
  return tracedHandler(async (req: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers.get('traceparent') ?? invocation.traceContext?.traceParent);
    const log = createRequestLogger(invocation, requestId);
    const instance = new URL(req.url).pathname;
    let out: HttpResponseInit;
    try {
      let principal: Principal | undefined;
      if (auth !== 'none') {
        const [{ authenticate }, { getAccessTokens }] = await loadAuth();
        principal = await authenticate(req.headers.get('authorization'), auth, getAccessTokens, log);
      }
      const call = {
        requestId,
        log,
        invocation,
        principal,
        body: (schema, limit) => readJsonBody(req, schema, limit),
        query: (schema) => parseQuery(req.query, schema),
        params: (schema) => paramsOf(req, schema),
      } as HttpCall<A>;
      // Serialising inside the try: a body JSON.stringify cannot handle is a problem+json 500 like any other.
      out = finish(await fn(req, call), requestId, content);
    } catch (err) {
      out = finish(toProblemResponse(err, { requestId, instance, log }), requestId, content);
    }
    log.info(`${req.method} ${instance} -> ${out.status} in ${Math.round(performance.now() - started)} ms`);
    return out;
  });
}
