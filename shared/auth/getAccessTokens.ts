import { getConfig } from '../config/config';
import { AccessTokens } from './accessTokens';

let instance: AccessTokens | undefined;

/** The process-wide access-token service, built from JWT_KEYS / JWT_ISSUER / JWT_AUDIENCE on first use. */
export function getAccessTokens(): AccessTokens {
  if (!instance) {
    const c = getConfig();
    instance = new AccessTokens({
      keys: c.JWT_KEYS.map((k) => ({ kid: k.kid, secret: new Uint8Array(k.secret) })),
      issuer: c.JWT_ISSUER,
      audience: c.JWT_AUDIENCE,
      ttlSeconds: c.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
  return instance;
}
