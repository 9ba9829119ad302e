import { HttpError } from '../../../../shared/http/errors';
import { toHttpError } from '../../../../shared/orders/http/toHttpError';
import {
  IdempotencyKeyReuseError,
  OrderContentionError,
  OrderForbiddenError,
  OrderNotFoundError,
  OrderStateConflictError,
  OrderValidationError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../../../../shared/orders/errors';

describe('toHttpError', () => {
  it.each([
    [new OrderNotFoundError('order x'), 404, 'not-found'],
    [new OrderForbiddenError('no'), 403, 'forbidden'],
    [new OrderStateConflictError('no'), 409, 'conflict'],
    [new PreconditionFailedError(), 412, 'precondition-failed'],
    [new PreconditionRequiredError(), 428, 'precondition-required'],
    [new IdempotencyKeyReuseError(), 422, 'unprocessable'],
    [new OrderValidationError('items.0.unitPrice', 'too high'), 400, 'validation'],
    [new OrderContentionError(), 503, 'service-unavailable'],
  ])('%s -> %i %s', (err, status, code) => {
    const mapped = toHttpError(err);
    expect(mapped).toBeInstanceOf(HttpError);
    expect(mapped).toMatchObject({ status, code });
  });

  it('names the field of a validation error and the header of a reused key', () => {
    expect(toHttpError(new OrderValidationError('items.0.unitPrice', 'too high'))).toMatchObject({
      errors: [{ path: 'items.0.unitPrice' }],
    });
    expect(toHttpError(new IdempotencyKeyReuseError())).toMatchObject({
      errors: [{ path: 'headers.idempotency-key' }],
    });
  });

  it('asks a client to retry after contention', () => {
    expect(toHttpError(new OrderContentionError())).toMatchObject({ headers: { 'Retry-After': '1' } });
  });

  it('leaves other errors for the gateway (500, or 503 when throttled)', () => {
    const err = new Error('boom');
    expect(toHttpError(err)).toBe(err);
  });
});
