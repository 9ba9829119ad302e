/** A field-level complaint in a problem document: `path` is a JSON-pointer-like dotted path (`items.0.quantity`). */
export interface FieldError {
  path: string;
  message: string;
}

export interface HttpErrorInit {
  status: number;
  /** Short stable slug; the problem `type` is `urn:orderflow:problem:<code>`. */
  code: string;
  title: string;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
  /** Extra response headers (WWW-Authenticate, Retry-After, Allow...). */
  headers?: Record<string, string> | undefined;
}

/**
 * The one error type an HTTP handler throws to answer with a 4xx/5xx. The gateway turns it into
 * RFC 9457 problem+json in one place (toProblemResponse); anything else thrown becomes a bare 500.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(init: HttpErrorInit) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }
}

/** Named constructors, so the same situation always yields the same status, type and title. */
export const httpErrors = {
  badRequest: (detail: string, errors?: FieldError[]) =>
    new HttpError({ status: 400, code: 'bad-request', title: 'Bad request', detail, errors }),
  validation: (errors: FieldError[], detail = 'The request failed validation.') =>
    new HttpError({ status: 400, code: 'validation', title: 'Validation failed', detail, errors }),
  malformedJson: (detail: string) =>
    new HttpError({ status: 400, code: 'malformed-json', title: 'Malformed JSON', detail }),
  unauthorized: (detail: string, error: 'invalid_request' | 'invalid_token' | null = 'invalid_token') =>
    new HttpError({
      status: 401,
      code: 'unauthorized',
      title: 'Unauthorized',
      detail,
      // RFC 6750 §3: no error code when the request carried no credentials at all.
      headers: {
        'WWW-Authenticate': error ? `Bearer realm="orderflow", error="${error}"` : 'Bearer realm="orderflow"',
      },
    }),
  forbidden: (detail: string) =>
    new HttpError({ status: 403, code: 'forbidden', title: 'Forbidden', detail }),
  notFound: (detail = 'The resource does not exist.') =>
    new HttpError({ status: 404, code: 'not-found', title: 'Not found', detail }),
  methodNotAllowed: (allow: string[]) =>
    new HttpError({
      status: 405,
      code: 'method-not-allowed',
      title: 'Method not allowed',
      headers: { Allow: allow.join(', ') },
    }),
  conflict: (detail: string, errors?: FieldError[]) =>
    new HttpError({ status: 409, code: 'conflict', title: 'Conflict', detail, errors }),
  preconditionFailed: (detail: string) =>
    new HttpError({ status: 412, code: 'precondition-failed', title: 'Precondition failed', detail }),
  payloadTooLarge: (limit: number) =>
    new HttpError({
      status: 413,
      code: 'payload-too-large',
      title: 'Payload too large',
      detail: `The request body exceeds ${limit} bytes.`,
    }),
  unsupportedMediaType: (expected: string) =>
    new HttpError({
      status: 415,
      code: 'unsupported-media-type',
      title: 'Unsupported media type',
      detail: `The request body must be ${expected}.`,
      headers: { 'Accept-Post': expected },
    }),
  unprocessable: (detail: string, errors?: FieldError[]) =>
    new HttpError({ status: 422, code: 'unprocessable', title: 'Unprocessable content', detail, errors }),
  preconditionRequired: (detail: string) =>
    new HttpError({ status: 428, code: 'precondition-required', title: 'Precondition required', detail }),
  tooManyRequests: (retryAfterSeconds: number, detail = 'Too many attempts; try again later.') =>
    new HttpError({
      status: 429,
      code: 'too-many-requests',
      title: 'Too many requests',
      detail,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
  serviceUnavailable: (detail: string, retryAfterSeconds?: number) =>
    new HttpError({
      status: 503,
      code: 'service-unavailable',
      title: 'Service unavailable',
      detail,
      headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : undefined,
    }),
} as const;

/** Normalises any caught value to an Error (the azure-functions-nodejs-library `ensureErrorType` idiom). */
export function ensureErrorType(err: unknown): Error {
  if (err instanceof Error) return err;
  let text: string;
  try {
    text = typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  } catch {
    text = String(err);
  }
  return new Error(`Non-error value thrown: ${text}`);
}
