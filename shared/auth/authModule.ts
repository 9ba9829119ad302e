// What the auth function files load on first call, behind one `await import()`: schemas, the wired
// services and the error mapping. Nothing here is loaded when the app registers its functions.
import type { RequestLogger } from '../http/requestLogger';
import { EmailUnavailableError, InvalidTokenError } from './errors';
import { toHttpError } from './toHttpError';

export { clientAddress } from '../http/clientAddress';
export { trustedProxies } from './trustedProxies';
export { getAuthServices } from './getAuthServices';
export {
  forgotBody,
  loginBody,
  logoutBody,
  refreshBody,
  registerBody,
  resetBody,
  verifyEmailBody,
} from './schemas';

/** Runs an auth operation, turning auth errors into HTTP problems and logging why a token was refused. */
export async function runAuth<T>(log: RequestLogger, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (err instanceof InvalidTokenError) log.warn(`refused refresh token: ${err.message}`);
    if (err instanceof EmailUnavailableError) log.error(`could not queue an email command: ${err.reason}`);
    throw toHttpError(err);
  }
}
