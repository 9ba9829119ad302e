import { HttpError, httpErrors } from '../../http/errors';
import {
  ensureError,
  IdempotencyKeyReuseError,
  OrderContentionError,
  OrderError,
  OrderForbiddenError,
  OrderNotFoundError,
  OrderStateConflictError,
  OrderValidationError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../errors';

/**
 * Orders domain error -> the gateway's HttpError (same problem types and titles as every other service).
 * Anything that is not an OrderError is returned untouched for the gateway to handle (500, or 503 when a
 * dependency is throttling).
 */
export function toHttpError(err: unknown): Error {
  if (!(err instanceof OrderError)) return ensureError(err);
  const fieldErrors = err.field ? [{ path: err.field, message: err.message }] : undefined;
  if (err instanceof OrderNotFoundError) return httpErrors.notFound(err.message);
  if (err instanceof OrderForbiddenError) return httpErrors.forbidden(err.message);
  if (err instanceof OrderStateConflictError) return httpErrors.conflict(err.message);
  if (err instanceof PreconditionFailedError) return httpErrors.preconditionFailed(err.message);
  if (err instanceof PreconditionRequiredError) return httpErrors.preconditionRequired(err.message);
  if (err instanceof IdempotencyKeyReuseError) return httpErrors.unprocessable(err.message, fieldErrors);
  if (err instanceof OrderValidationError) return httpErrors.validation(fieldErrors ?? [], err.message);
  if (err instanceof OrderContentionError) return httpErrors.serviceUnavailable(err.message, 1);
  return new HttpError({ status: err.status, code: 'orders', title: err.title, detail: err.message });
}

/** Runs a domain call, translating its errors for the gateway. */
export async function orderCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toHttpError(err);
  }
}
