import { HttpError, ensureErrorType, type FieldError } from './errors';
import type { RequestLogger } from './requestLogger';

/** RFC 9457 problem details, plus the request id and field errors. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export interface ProblemContext {
  requestId: string;
  /** The request path: RFC 9457 `instance`. */
  instance: string;
  log: RequestLogger;
}

export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemType = (code: string): string => `urn:orderflow:problem:${code}`;

/** Status codes of SDK errors (Cosmos DB throttling, timeouts) that mean "try again", not "we are broken". */
const TRANSIENT = new Set([408, 429, 449, 503]);

function transientRetryAfter(err: Error): number | undefined {
  const e = err as Error & { code?: unknown; statusCode?: unknown; retryAfterInMs?: unknown };
  const status =
    typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || !TRANSIENT.has(status)) return undefined;
  const ms = typeof e.retryAfterInMs === 'number' ? e.retryAfterInMs : 1000;
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * The one place errors become responses. An HttpError keeps its status, title, detail and field errors;
 * a throttled dependency becomes 503 with Retry-After; anything else is a 500 carrying only the request id
 * (the stack goes to the log, never to the client).
 */
export function toProblemResponse(thrown: unknown, ctx: ProblemContext): ProblemResponse {
  const err = ensureErrorType(thrown);
  let problem: ProblemDocument;
  let headers: Record<string, string> = {};
  if (err instanceof HttpError) {
    problem = {
      type: problemType(err.code),
      title: err.title,
      status: err.status,
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
      instance: ctx.instance,
      requestId: ctx.requestId,
      ...(err.errors && err.errors.length > 0 ? { errors: err.errors } : {}),
    };
    headers = { ...err.headers };
    if (err.status >= 500) ctx.log.error(`${err.status} ${err.title}: ${err.detail ?? ''}`);
  } else {
    const retryAfter = transientRetryAfter(err);
    if (retryAfter !== undefined) {
      ctx.log.warn(`dependency busy: ${err.name}: ${err.message}`);
      headers = { 'Retry-After': String(retryAfter) };
      problem = {
        type: problemType('service-unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: 'A dependency is busy; retry after the indicated delay.',
        instance: ctx.instance,
        requestId: ctx.requestId,
      };
    } else {
      ctx.log.error(`unhandled error: ${err.stack ?? `${err.name}: ${err.message}`}`);
      problem = {
        type: problemType('internal'),
        title: 'Internal server error',
        status: 500,
        detail: 'An unexpected error occurred. Quote the request id when reporting it.',
        instance: ctx.instance,
        requestId: ctx.requestId,
      };
    }
  }
  return {
    status: problem.status,
    headers: { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(problem),
  };
}
