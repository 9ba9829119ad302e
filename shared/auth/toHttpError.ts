import { httpErrors } from '../http/errors';
import {
  EmailTakenError,
  EmailUnavailableError,
  InvalidCredentialsError,
  InvalidResetTokenError,
  InvalidTokenError,
  LockedOutError,
} from './errors';

/** Auth domain errors as HttpErrors (problems); anything else is returned unchanged (a 500 upstream). */
export function toHttpError(err: unknown): unknown {
  if (err instanceof EmailTakenError)
    return httpErrors.conflict(err.message, [{ path: 'email', message: err.message }]);
  if (err instanceof InvalidCredentialsError) return httpErrors.unauthorized(err.message);
  if (err instanceof LockedOutError) return httpErrors.tooManyRequests(err.retryAfterSeconds, err.message);
  // The reason stays in the log (onSecurityEvent / logger); the client learns only that the token is bad.
  if (err instanceof InvalidTokenError)
    return httpErrors.unauthorized('The refresh token is invalid, expired or revoked.');
  if (err instanceof InvalidResetTokenError)
    return httpErrors.badRequest(err.message, [{ path: 'token', message: err.message }]);
  if (err instanceof EmailUnavailableError) return httpErrors.serviceUnavailable(err.message, 5);
  return err;
}
