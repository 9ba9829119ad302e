/**
 * Errors of the orders domain. Each carries the HTTP status it maps to, so the function layer turns any of
 * them into problem+json in one place without knowing the cases.
 */
export class OrderError extends Error {
  override readonly name: string = 'OrderError';
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    /** Request field the error is about, dotted as in problem documents (`items.2.quantity`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Missing, or not visible to the caller: the two are deliberately indistinguishable. */
export class OrderNotFoundError extends OrderError {
  override readonly name = 'OrderNotFoundError';
  /** `what`: `order <id>`, `customer <id>`. */
  constructor(what: string) {
    super(404, 'Not Found', `${what} not found`);
  }
}

/** The caller can see the order but may not perform this action on it. */
export class OrderForbiddenError extends OrderError {
  override readonly name = 'OrderForbiddenError';
  constructor(message: string) {
    super(403, 'Forbidden', message);
  }
}

/** The order's state does not allow the action (not pending, illegal transition). */
export class OrderStateConflictError extends OrderError {
  override readonly name = 'OrderStateConflictError';
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}

/** If-Match is required for this write and was not sent. */
export class PreconditionRequiredError extends OrderError {
  override readonly name = 'PreconditionRequiredError';
  constructor() {
    super(
      428,
      'Precondition Required',
      'If-Match with the ETag of the order is required',
      'headers.if-match',
    );
  }
}

/** If-Match does not match the current version (someone else wrote first). */
export class PreconditionFailedError extends OrderError {
  override readonly name = 'PreconditionFailedError';
  constructor() {
    super(
      412,
      'Precondition Failed',
      'the order has changed since it was read; read it again',
      'headers.if-match',
    );
  }
}

/** An Idempotency-Key was reused with a different request body. */
export class IdempotencyKeyReuseError extends OrderError {
  override readonly name = 'IdempotencyKeyReuseError';
  constructor() {
    super(
      422,
      'Unprocessable Content',
      'this Idempotency-Key was already used with a different request body',
      'headers.idempotency-key',
    );
  }
}

/** Input that passed the schema but breaks a domain rule (after merging a PATCH, for example). */
export class OrderValidationError extends OrderError {
  override readonly name = 'OrderValidationError';
  constructor(field: string, message: string) {
    super(400, 'Bad Request', `${field}: ${message}`, field);
  }
}

/** A store operation kept conflicting beyond the retry budget. */
export class OrderContentionError extends OrderError {
  override readonly name = 'OrderContentionError';
  constructor() {
    super(503, 'Service Unavailable', 'the order is being changed concurrently; retry');
  }
}

/** Normalises any caught value into an Error. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : `non-error thrown: ${JSON.stringify(err) ?? String(err)}`);
}
