import type { AccessTokens } from '../auth/accessTokens';
import { InvalidTokenError } from '../auth/errors';
import type { Principal, Role } from '../auth/principal';
import { httpErrors } from './errors';
import type { RequestLogger } from './requestLogger';

// RFC 6750 b64token, with a generous length cap so nobody makes us parse megabytes.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Authorization header to principal: 401 (with WWW-Authenticate) when it is missing or invalid,
 * 403 when the token is valid but lacks `role`.
 */
export async function authenticate(
  authorization: string | null,
  role: Role,
  /** Called only once a well-formed bearer token is present, so a bare request never touches configuration. */
  tokens: () => Pick<AccessTokens, 'verify'>,
  log: RequestLogger,
): Promise<Principal> {
  if (!authorization) throw httpErrors.unauthorized('A bearer access token is required.', null);
  const token = authorization.length <= 8192 ? BEARER.exec(authorization.trim())?.[1] : undefined;
  if (!token)
    throw httpErrors.unauthorized('The Authorization header must be "Bearer <token>".', 'invalid_request');
  let principal: Principal;
  try {
    principal = await tokens().verify(token);
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw err;
    log.warn(`rejected access token: ${err.message}`);
    throw httpErrors.unauthorized('The access token is invalid or has expired.');
  }
  if (!principal.roles.includes(role))
    throw httpErrors.forbidden(`This operation requires the ${role} role.`);
  return principal;
}
